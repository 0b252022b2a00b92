import { INTERVALS, type Interval } from '../../shared/market/index.ts';

/** What a key press on the chart asks for. */
export type ChartShortcut =
  | { kind: 'interval'; interval: Interval }
  | { kind: 'search' }
  | { kind: 'help' }
  | { kind: 'escape' }
  | { kind: 'delete' }
  | { kind: 'undo' }
  | { kind: 'redo' };

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  /** Focus is in a text field, select or other control that takes the key itself. */
  inField: boolean;
}

/** The list the help popover shows, in the order a trader reads it. */
export const SHORTCUT_HELP: ReadonlyArray<{ keys: string; action: string }> = [
  { keys: `1 – ${INTERVALS.length}`, action: `Interval ${INTERVALS.join(' · ')}` },
  { keys: '/', action: 'Search symbols' },
  { keys: '↑ ↓ Enter', action: 'Move through and open a search result' },
  { keys: 'Esc', action: 'Close the search, stop drawing, deselect' },
  { keys: 'Delete', action: 'Delete the selected drawing' },
  { keys: 'Ctrl Z', action: 'Undo the last drawing change' },
  { keys: 'Ctrl Shift Z / Ctrl Y', action: 'Redo' },
  { keys: '?', action: 'Show these shortcuts' },
];

/**
 * Pure: the chart's shortcut for a key press, or null. Keys typed into a field belong to the
 * field (Esc excepted, so it still closes what the field sits in); modifier chords other than
 * undo/redo belong to the browser.
 */
export function chartShortcut(press: KeyPress): ChartShortcut | null {
  const { key, ctrlKey, metaKey, altKey, shiftKey, inField } = press;
  if (key === 'Escape') return { kind: 'escape' };
  if (inField || altKey) return null;
  const command = ctrlKey || metaKey;
  if (command) {
    const lower = key.toLowerCase();
    if (lower === 'z') return { kind: shiftKey ? 'redo' : 'undo' };
    if (lower === 'y' && !shiftKey) return { kind: 'redo' };
    return null;
  }
  if (key === 'Delete' || key === 'Backspace') return { kind: 'delete' };
  if (key === '/') return { kind: 'search' };
  if (key === '?') return { kind: 'help' };
  const digit = /^[1-9]$/.test(key) ? Number(key) : 0;
  const interval = INTERVALS[digit - 1];
  return interval === undefined ? null : { kind: 'interval', interval };
}

/** Whether a key event's target takes typing itself (inputs, selects, editable text). */
export function isFieldTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target instanceof HTMLInputElement) return !['checkbox', 'radio', 'button', 'color'].includes(target.type);
  return target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement || target.isContentEditable;
}

/** The parts of a DOM key event the shortcuts read (its fields are prototype getters, not spreadable). */
export function keyPressOf(event: KeyboardEvent): KeyPress {
  const { key, ctrlKey, metaKey, altKey, shiftKey } = event;
  return { key, ctrlKey, metaKey, altKey, shiftKey, inField: isFieldTarget(event.target) };
}
