import { describe, expect, it } from 'vitest';
import { ApprovalStateSchema, type ApprovalState, type VersionTransition } from './schemas.ts';
import { canTransition, rollbackTarget, transitionRefusal } from './transitions.ts';

const STATES = ApprovalStateSchema.options;

describe('version state rules', () => {
  it('allows exactly the gate: draft → simulated → approved ⇄ active, and retiring what was never approved', () => {
    const allowed = STATES.flatMap((from) => STATES.filter((to) => canTransition(from, to)).map((to) => `${from}→${to}`));
    expect(allowed).toEqual(['draft→simulated', 'draft→retired', 'simulated→approved', 'simulated→retired', 'approved→active', 'active→approved']);
  });

  it('says why a change is refused and what the state allows instead', () => {
    expect(transitionRefusal(3, 'draft', 'active')).toBe('version 3 is draft and cannot become active; from draft it can only become simulated or retired');
    expect(transitionRefusal(3, 'retired', 'draft')).toBe('version 3 is retired and cannot become draft; from retired it can only become nothing (it is final)');
    expect(transitionRefusal(3, 'simulated', 'approved')).toBeNull();
  });
});

describe('rollbackTarget', () => {
  let seq = 0;
  const step = (version: number, from: ApprovalState | null, to: ApprovalState): VersionTransition => ({
    seq: ++seq,
    strategyId: 'ema-rsi',
    version,
    from,
    to,
    actor: 'operator',
    at: '2026-12-01T12:00:00.000Z',
    evidenceRunId: null,
    reason: null,
  });
  const activate = (version: number, previous?: number) => [...(previous === undefined ? [] : [step(previous, 'active', 'approved')]), step(version, 'approved', 'active')];

  it('has nothing to return to before any activation, or when the active version is the first ever activated', () => {
    expect(rollbackTarget([step(1, null, 'draft')])).toBeNull();
    expect(rollbackTarget(activate(1))).toBeNull();
  });

  it('returns to the version active before the current one, and after a rollback to the one rolled back from', () => {
    const history = [...activate(1), ...activate(2, 1)];
    expect(rollbackTarget(history)).toEqual({ current: 2, target: 1 });
    const rolledBack = [...history, ...activate(1, 2)];
    expect(rollbackTarget(rolledBack)).toEqual({ current: 1, target: 2 });
  });

  it('skips re-activations of the current version itself and ignores the order it is given transitions in', () => {
    const history = [...activate(1), ...activate(2, 1), ...activate(3, 2), ...activate(2, 3)];
    expect(rollbackTarget([...history].reverse())).toEqual({ current: 2, target: 3 });
  });

  it('has nothing to roll back when the last active version is no longer active', () => {
    expect(rollbackTarget([...activate(1), ...activate(2, 1), step(2, 'active', 'approved')])).toBeNull();
  });
});
