import type { StrategyVersion } from '../../shared/strategy-versions/index.ts';

/**
 * What the runner needs of the versions store (relay/strategies/active-versions.ts): the versions
 * to run now, and a call whenever that set changes (an activation or a rollback). Declared here,
 * narrow, so the store's own `ActiveVersions` fits it as it is.
 */
export interface ActiveVersionsSource {
  allActive(): readonly StrategyVersion[] | Promise<readonly StrategyVersion[]>;
  /** The runner re-reads `allActive()` on every call, so what the listener is given does not matter. */
  onChange(listener: () => void): unknown;
}
