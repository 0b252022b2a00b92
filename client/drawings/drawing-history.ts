import type { Drawing } from '../../shared/drawings/index.ts';

/** One user edit: the drawing before and after it; null before a create and after a delete. */
export interface DrawingChange {
  before: Drawing | null;
  after: Drawing | null;
}

export interface DrawingHistory {
  /** Oldest first; undo takes the last. */
  done: readonly DrawingChange[];
  /** What undo took back, newest last; a fresh edit clears it. */
  undone: readonly DrawingChange[];
}

/** The write that puts a drawing back into a state: save that version, or remove the drawing. */
export type HistoryWrite = { kind: 'save'; drawing: Drawing } | { kind: 'remove'; drawing: Drawing };

export const EMPTY_HISTORY: DrawingHistory = { done: [], undone: [] };

/** Edits kept for undo; older ones fall off. */
export const HISTORY_LIMIT = 100;

export function recordChange(history: DrawingHistory, change: DrawingChange): DrawingHistory {
  return { done: [...history.done, change].slice(-HISTORY_LIMIT), undone: [] };
}

/** The write that reaches `state` from `other` (the state it replaces). */
function writeTowards(state: Drawing | null, other: Drawing | null): HistoryWrite | null {
  if (state !== null) return { kind: 'save', drawing: state };
  return other === null ? null : { kind: 'remove', drawing: other };
}

/**
 * Pure: takes back the newest edit. The write restores the drawing as it was before (re-creating
 * a deleted one, removing a created one); the caller stamps a new updatedAt so the relay and
 * other browsers take it as the newest version, and it lands as one more drawing event.
 */
export function undo(history: DrawingHistory): { history: DrawingHistory; write: HistoryWrite } | null {
  const change = history.done.at(-1);
  if (change === undefined) return null;
  const write = writeTowards(change.before, change.after);
  if (write === null) return null;
  return { history: { done: history.done.slice(0, -1), undone: [...history.undone, change] }, write };
}

/** Pure: applies again the edit undo took back last. */
export function redo(history: DrawingHistory): { history: DrawingHistory; write: HistoryWrite } | null {
  const change = history.undone.at(-1);
  if (change === undefined) return null;
  const write = writeTowards(change.after, change.before);
  if (write === null) return null;
  return { history: { done: [...history.done, change], undone: history.undone.slice(0, -1) }, write };
}
