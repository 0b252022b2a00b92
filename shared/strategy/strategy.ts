import { z } from 'zod';
import type { OhlcvCandle } from '../market/index.ts';
import type { OrderIntent } from './intents.ts';
import { STREAMED_INDICATORS, type IndicatorSource } from './indicator-feeds.ts';

/**
 * A strategy is a pure decision step over closed candles: `(state, candle, position) → (state, intents)`.
 * It never sees a clock, an exchange or whether it runs in a backtest or live (the runner is a
 * thin shell around it, Nautilus style). Its state holds the indicator feeds it opened from the
 * source it was initialised with (streamed, or shared series in a batch: `indicator-feeds.ts`),
 * which advance in place for speed, so a step returns the same state object it was given; callers
 * must treat the state as owned by one run.
 */

/** What the strategy may know about its account: the base it holds and the average entry. */
export interface PositionView {
  /** Base asset held that can be sold: whole basePrecision lots, 0 when flat (dust below a lot is left out). */
  base: number;
  /** Average entry price of the open position, NaN when flat. */
  entryPrice: number;
}

export interface StepResult<S> {
  state: S;
  intents: readonly OrderIntent[];
}

/** An indicator a strategy relies on, named as the chart/indicator engine names it. */
export interface IndicatorUse {
  name: string;
  params: Record<string, number>;
}

export interface Strategy<P extends Record<string, unknown>, S> {
  id: string;
  version: string;
  /** What a trader calls it, for forms and reports ("EMA cross + RSI filter"). */
  name: string;
  description: string;
  /** Every tag its orders carry, in words: a report's entry and exit reasons. */
  orderTags: Readonly<Record<string, string>>;
  /** Bounds, a default, a title and a description for every parameter; the AI review loop may only move within the bounds. */
  paramsSchema: z.ZodType<P>;
  indicators(params: P): IndicatorUse[];
  /** Candles needed before the first decision can be made. */
  warmupBars(params: P): number;
  /** Opens every indicator the step reads from `indicators`, so the same step runs streamed or batched. */
  init(params: P, indicators: IndicatorSource): S;
  /** `candle` is closed. Runners may reuse one object per run: read it, never keep it. */
  step(state: S, candle: OhlcvCandle, position: PositionView): StepResult<S>;
}

/**
 * A strategy's parameter object. Strict, because a misspelt key (`fastPeriode`) would otherwise be
 * dropped and the defaults run as if it had been asked for; the error names the key and the valid ones.
 */
export function strategyParamsObject<Shape extends z.ZodRawShape>(shape: Shape) {
  const valid = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown param${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}; valid params: ${valid}`
        : undefined,
  });
}

export const NO_INTENTS: readonly OrderIntent[] = Object.freeze([]);

/** A strategy with validated parameters, its types erased so runners can hold any strategy. */
export interface BoundStrategy {
  id: string;
  version: string;
  params: Record<string, unknown>;
  warmupBars: number;
  indicators: IndicatorUse[];
  init(): unknown;
  step(state: unknown, candle: OhlcvCandle, position: PositionView): StepResult<unknown>;
}

export class InvalidParamsError extends Error {
  override name = 'InvalidParamsError';
}

/** Params checked against the strategy's schema, defaults filled; InvalidParamsError says what is wrong. */
export function parseStrategyParams<P extends Record<string, unknown>, S>(strategy: Strategy<P, S>, rawParams: unknown): P {
  const parsed = strategy.paramsSchema.safeParse(rawParams ?? {});
  if (!parsed.success) {
    throw new InvalidParamsError(`invalid params for ${strategy.id}: ${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}

/** `indicators` is where the strategy's indicator values come from; streamed unless a batch shares them. */
export function bindStrategy<P extends Record<string, unknown>, S>(
  strategy: Strategy<P, S>,
  rawParams: unknown,
  indicators: IndicatorSource = STREAMED_INDICATORS,
): BoundStrategy {
  const params = parseStrategyParams(strategy, rawParams);
  return {
    id: strategy.id,
    version: strategy.version,
    params,
    warmupBars: strategy.warmupBars(params),
    indicators: strategy.indicators(params),
    init: () => strategy.init(params, indicators),
    step: strategy.step as BoundStrategy['step'],
  };
}
