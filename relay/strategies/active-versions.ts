import type { StrategyVersion } from '../../shared/strategy-versions/index.ts';

/**
 * The in-process seam the live runner reads: which version of each strategy the relay runs. Only
 * an approved version ever becomes active (relay/strategies/strategy-versions.ts), so whatever
 * this answers has passed the approval gate.
 */
export interface ActiveVersions {
  /** The strategy's active version, undefined when none is. */
  active(strategyId: string): StrategyVersion | undefined;
  /** Every strategy's active version. */
  allActive(): StrategyVersion[];
  /**
   * Told after each activation or rollback is stored and audited, with the version now active
   * (undefined if the strategy has none). Returns the function that stops the telling.
   */
  onChange(listener: (strategyId: string, active: StrategyVersion | undefined) => void): () => void;
}
