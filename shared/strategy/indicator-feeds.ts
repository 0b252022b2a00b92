import { DonchianChannels } from 'trading-signals';
import { createIndicator, indicatorDefinition, type IndicatorSpec } from '../indicators/index.ts';
import type { OhlcvCandle } from '../market/index.ts';
import type { IndicatorUse } from './strategy.ts';

/**
 * How a strategy reads its indicators, so one step serves a live run and a batch of backtests: a
 * strategy opens each indicator it needs from the source it is initialised with and calls `next`
 * on every candle. Streamed (live, single backtest), `next` updates an indicator instance; in a
 * batch (`backtestMany`) it reads a series computed once per dataset and shared by the candidates.
 */

/**
 * One candle's values of an indicator by output name (`value`, or `upper`/`middle`/`lower`).
 * Read it, never keep it: a precomputed feed refills the same object on every candle.
 */
export type FeedValues = Readonly<Record<string, number>>;

/** An indicator as a strategy reads it: `next` once for every closed candle, in order; null until warmed up. */
export interface IndicatorFeed {
  next(candle: OhlcvCandle): FeedValues | null;
}

/**
 * An indicator a strategy reads. `use` (name + params) names the computation: feeds with equal
 * uses must compute equal values, because a batch computes each use once and shares it.
 */
export interface FeedSpec {
  use: IndicatorUse;
  outputs: readonly string[];
  /** A fresh streaming instance. It must not keep the candle: runners reuse one object per run. */
  stream(): IndicatorFeed;
}

export interface IndicatorSource {
  open(spec: FeedSpec): IndicatorFeed;
}

/** Every indicator updated in place, candle by candle: what live runs and single backtests use. */
export const STREAMED_INDICATORS: IndicatorSource = { open: (spec) => spec.stream() };

/** An indicator of the project's engine (`shared/indicators/`), the one the charts draw. */
export function registeredIndicator(spec: IndicatorSpec): FeedSpec {
  return {
    use: { name: spec.name, params: spec.params as Record<string, number> },
    outputs: indicatorDefinition(spec).outputs,
    stream() {
      const indicator = createIndicator(spec);
      return {
        next(candle) {
          const point = indicator.update(candle);
          return point === null ? null : point.values;
        },
      };
    },
  };
}

const DONCHIAN_OUTPUTS = ['upper', 'middle', 'lower'] as const;

/** Highest high and lowest low of the last `period` candles (the indicator engine has no Donchian channel yet, so trading-signals' is used directly). */
export function donchianChannel(period: number): FeedSpec {
  return {
    use: { name: 'donchian', params: { period } },
    outputs: DONCHIAN_OUTPUTS,
    stream() {
      const channel = new DonchianChannels(period);
      return {
        // trading-signals' channels keep every candle of their window: given the reused candle
        // object itself, the whole window would be the current candle.
        next: (candle) => channel.add({ high: candle.high, low: candle.low }),
      };
    },
  };
}

/** Opens every feed of a strategy's named specs from one source, keeping the names. */
export function openFeeds<K extends string>(source: IndicatorSource, specs: Record<K, FeedSpec>): Record<K, IndicatorFeed> {
  const feeds = {} as Record<K, IndicatorFeed>;
  for (const name of Object.keys(specs) as K[]) feeds[name] = source.open(specs[name]);
  return feeds;
}

/** The indicator uses a strategy declares, taken from the feeds it opens so the two cannot differ. */
export function usesOf(specs: Record<string, FeedSpec>): IndicatorUse[] {
  return Object.values(specs).map((spec) => spec.use);
}
