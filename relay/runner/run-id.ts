import type { StrategyVersion } from '../../shared/strategy-versions/index.ts';

/**
 * The run id of a version's activation: strategy, version and the moment it became active. The
 * same activation gives the same id after any number of restarts, so the kernel derives the same
 * idempotency keys (orderLinkIds) for the same decisions; re-activating the version later (a
 * rollback to it) is a new run with keys of its own.
 */
export function runIdOf(version: Pick<StrategyVersion, 'strategyId' | 'version' | 'stateChangedAt'>): string {
  const activatedAt = Date.parse(version.stateChangedAt);
  if (!Number.isFinite(activatedAt)) throw new Error(`version ${version.version} of ${version.strategyId} has no readable activation time`);
  return `${version.strategyId}.v${version.version}.${activatedAt.toString(36)}`;
}
