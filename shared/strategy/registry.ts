import { bollingerReversion } from './bollinger-reversion.ts';
import { donchianAtr } from './donchian-atr.ts';
import { emaRsi } from './ema-rsi.ts';
import type { z } from 'zod';
import { bindStrategy, parseStrategyParams, type BoundStrategy, type Strategy } from './strategy.ts';
import type { IndicatorSource } from './indicator-feeds.ts';

/** A registered strategy with its types erased; `bind` validates params and fills defaults. */
export interface StrategyEntry {
  id: string;
  version: string;
  name: string;
  description: string;
  orderTags: Readonly<Record<string, string>>;
  /** The params contract, for forms and docs generated from it; `bind` applies it. */
  paramsSchema: z.ZodType;
  /** Validated params with defaults filled, for boundaries that only check them (throws InvalidParamsError). */
  parseParams(rawParams: unknown): Record<string, unknown>;
  /** `indicators`: streamed by default; a batch passes its shared series (`backtestMany`). */
  bind(rawParams: unknown, indicators?: IndicatorSource): BoundStrategy;
}

/** A strategy as the registry holds it; tests use it for strategies made up for one test. */
export function strategyEntryOf<P extends Record<string, unknown>, S>(strategy: Strategy<P, S>): StrategyEntry {
  return {
    id: strategy.id,
    version: strategy.version,
    name: strategy.name,
    description: strategy.description,
    orderTags: strategy.orderTags,
    paramsSchema: strategy.paramsSchema,
    parseParams: (raw) => parseStrategyParams(strategy, raw),
    bind: (raw, indicators) => bindStrategy(strategy, raw, indicators),
  };
}

export const STRATEGIES: Readonly<Record<string, StrategyEntry>> = Object.fromEntries(
  [strategyEntryOf(emaRsi), strategyEntryOf(bollingerReversion), strategyEntryOf(donchianAtr)].map((e) => [e.id, e]),
);

export const STRATEGY_IDS = Object.keys(STRATEGIES);

export class UnknownStrategyError extends Error {
  override name = 'UnknownStrategyError';
}

export function strategyEntry(id: string): StrategyEntry {
  const found = STRATEGIES[id];
  if (!found) throw new UnknownStrategyError(`unknown strategy "${id}"; expected one of ${STRATEGY_IDS.join(', ')}`);
  return found;
}
