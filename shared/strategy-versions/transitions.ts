import type { ApprovalState, VersionTransition } from './schemas.ts';

/**
 * Every state change a version may make. Approval needs `simulated` first, activation needs
 * `approved`, and an active version only steps back to `approved` (when another is activated), so
 * rollback always finds the version it returns to still approved. Rejection retires what was
 * never approved; nothing leaves `retired`.
 */
export const ALLOWED_TRANSITIONS: Readonly<Record<ApprovalState, readonly ApprovalState[]>> = {
  draft: ['simulated', 'retired'],
  simulated: ['approved', 'retired'],
  approved: ['active'],
  active: ['approved'],
  retired: [],
};

export function canTransition(from: ApprovalState, to: ApprovalState): boolean {
  return ALLOWED_TRANSITIONS[from].includes(to);
}

/** Why a version in `from` cannot go to `to`, or null when it can. */
export function transitionRefusal(version: number, from: ApprovalState, to: ApprovalState): string | null {
  if (canTransition(from, to)) return null;
  const allowed = ALLOWED_TRANSITIONS[from];
  return `version ${version} is ${from} and cannot become ${to}; from ${from} it can only become ${allowed.length === 0 ? 'nothing (it is final)' : allowed.join(' or ')}`;
}

/**
 * The version rollback returns to: the one whose activation came before the current active
 * version's latest activation. `transitions` are one strategy's, in any order; null when the
 * strategy has no active version or it is the first ever activated.
 */
export function rollbackTarget(transitions: readonly VersionTransition[]): { current: number; target: number } | null {
  const activations = transitions.filter((t) => t.to === 'active').sort((a, b) => a.seq - b.seq);
  const latest = activations.at(-1);
  if (latest === undefined || !isStillActive(transitions, latest)) return null;
  const earlier = activations.slice(0, -1).reverse().find((t) => t.version !== latest.version);
  return earlier === undefined ? null : { current: latest.version, target: earlier.version };
}

function isStillActive(transitions: readonly VersionTransition[], activation: VersionTransition): boolean {
  return !transitions.some((t) => t.version === activation.version && t.seq > activation.seq);
}
