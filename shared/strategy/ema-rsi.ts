import { z } from 'zod';
import { openFeeds, registeredIndicator, usesOf, type IndicatorFeed } from './indicator-feeds.ts';
import { NO_INTENTS, strategyParamsObject, type Strategy } from './strategy.ts';
import type { OrderIntent } from './intents.ts';

/** Trend following: buy when the fast EMA crosses above the slow EMA unless RSI says overbought. */
export const emaRsiParams = strategyParamsObject({
  fastPeriod: z.number().int().min(2).max(200).default(12).meta({ title: 'Fast EMA period', description: 'Candles in the fast moving average; it must be shorter than the slow one.' }),
  slowPeriod: z.number().int().min(3).max(400).default(26).meta({ title: 'Slow EMA period', description: 'Candles in the slow moving average that the fast one crosses.' }),
  rsiPeriod: z.number().int().min(2).max(100).default(14).meta({ title: 'RSI period', description: 'Candles the RSI filter looks back over.' }),
  rsiEntryMax: z.number().min(50).max(95).default(70).meta({ title: 'RSI entry maximum', description: 'No entry while RSI is at or above this (overbought).' }),
  rsiExit: z.number().min(50).max(99).default(80).meta({ title: 'RSI exit level', description: 'Take profit once RSI reaches this.' }),
  allocation: z.number().gt(0).lte(1).default(1).meta({ title: 'Allocation', description: 'Share of the free quote balance spent per entry: 1 is all in, 0.5 half.' }),
})
  .refine((p) => p.fastPeriod < p.slowPeriod, { message: 'Fast EMA period must be shorter than the slow EMA period', path: ['fastPeriod'] })
  .refine((p) => p.rsiEntryMax < p.rsiExit, { message: 'RSI entry maximum must be below the RSI exit level', path: ['rsiEntryMax'] });
export type EmaRsiParams = z.infer<typeof emaRsiParams>;

const feedsOf = (p: EmaRsiParams) => ({
  fast: registeredIndicator({ name: 'ema', params: { period: p.fastPeriod } }),
  slow: registeredIndicator({ name: 'ema', params: { period: p.slowPeriod } }),
  rsi: registeredIndicator({ name: 'rsi', params: { period: p.rsiPeriod } }),
});

interface EmaRsiState {
  params: EmaRsiParams;
  fast: IndicatorFeed;
  slow: IndicatorFeed;
  rsi: IndicatorFeed;
  /** fast − slow on the previous candle; NaN until both EMAs are settled. */
  prevSpread: number;
  buy: readonly OrderIntent[];
  crossDown: readonly OrderIntent[];
  rsiExit: readonly OrderIntent[];
}

export const emaRsi: Strategy<EmaRsiParams, EmaRsiState> = {
  id: 'ema-rsi',
  version: '1.0.1',
  name: 'EMA cross + RSI filter',
  description: 'EMA crossover with an RSI filter: enter on a bullish cross when RSI is not overbought; exit on a bearish cross or when RSI is extreme.',
  paramsSchema: emaRsiParams,
  orderTags: {
    'ema-cross-up': 'Fast EMA crossed above the slow EMA',
    'ema-cross-down': 'Fast EMA crossed below the slow EMA',
    'rsi-exit': 'RSI reached the exit level',
  },
  indicators: (p) => usesOf(feedsOf(p)),
  // A cross needs two settled spreads, so one candle beyond the slowest indicator.
  warmupBars: (p) => Math.max(p.slowPeriod, p.rsiPeriod + 1) + 1,
  init: (params, indicators) => ({
    params,
    ...openFeeds(indicators, feedsOf(params)),
    prevSpread: NaN,
    buy: [{ type: 'market', side: 'buy', fraction: params.allocation, tag: 'ema-cross-up' }],
    crossDown: [{ type: 'market', side: 'sell', fraction: 1, tag: 'ema-cross-down' }],
    rsiExit: [{ type: 'market', side: 'sell', fraction: 1, tag: 'rsi-exit' }],
  }),
  step(state, candle, position) {
    const fast = state.fast.next(candle);
    const slow = state.slow.next(candle);
    const rsi = state.rsi.next(candle);
    if (fast === null || slow === null || rsi === null) return { state, intents: NO_INTENTS };
    const spread = fast.value! - slow.value!;
    const prev = state.prevSpread;
    state.prevSpread = spread;
    if (Number.isNaN(prev)) return { state, intents: NO_INTENTS };
    const rsiValue = rsi.value!;
    if (position.base === 0) {
      const crossUp = prev <= 0 && spread > 0;
      return { state, intents: crossUp && rsiValue < state.params.rsiEntryMax ? state.buy : NO_INTENTS };
    }
    if (prev >= 0 && spread < 0) return { state, intents: state.crossDown };
    return { state, intents: rsiValue >= state.params.rsiExit ? state.rsiExit : NO_INTENTS };
  },
};
