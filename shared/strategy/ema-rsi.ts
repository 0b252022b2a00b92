import { z } from 'zod';
import { createIndicator, type StreamingIndicator } from '../indicators/index.ts';
import { NO_INTENTS, strategyParamsObject, type Strategy } from './strategy.ts';
import type { OrderIntent } from './intents.ts';

/** Trend following: buy when the fast EMA crosses above the slow EMA unless RSI says overbought. */
export const emaRsiParams = strategyParamsObject({
  /** Fast EMA period; default 12. */
  fastPeriod: z.number().int().min(2).max(200).default(12),
  /** Slow EMA period, longer than the fast one; default 26. */
  slowPeriod: z.number().int().min(3).max(400).default(26),
  /** RSI period; default 14. */
  rsiPeriod: z.number().int().min(2).max(100).default(14),
  /** No entry while RSI is at or above this; default 70 (overbought). */
  rsiEntryMax: z.number().min(50).max(95).default(70),
  /** Take profit when RSI reaches this; default 80. */
  rsiExit: z.number().min(50).max(99).default(80),
  /** Share of free quote spent per entry; default 1 (all in). */
  allocation: z.number().gt(0).lte(1).default(1),
})
  .refine((p) => p.fastPeriod < p.slowPeriod, { message: 'fastPeriod must be shorter than slowPeriod', path: ['fastPeriod'] })
  .refine((p) => p.rsiEntryMax < p.rsiExit, { message: 'rsiEntryMax must be below rsiExit', path: ['rsiEntryMax'] });
export type EmaRsiParams = z.infer<typeof emaRsiParams>;

interface EmaRsiState {
  params: EmaRsiParams;
  fast: StreamingIndicator;
  slow: StreamingIndicator;
  rsi: StreamingIndicator;
  /** fast − slow on the previous candle; NaN until both EMAs are settled. */
  prevSpread: number;
  buy: readonly OrderIntent[];
  sell: readonly OrderIntent[];
}

export const emaRsi: Strategy<EmaRsiParams, EmaRsiState> = {
  id: 'ema-rsi',
  version: '1.0.0',
  description: 'EMA crossover with an RSI filter: enter on a bullish cross when RSI is not overbought; exit on a bearish cross or when RSI is extreme.',
  paramsSchema: emaRsiParams,
  indicators: (p) => [
    { name: 'ema', params: { period: p.fastPeriod } },
    { name: 'ema', params: { period: p.slowPeriod } },
    { name: 'rsi', params: { period: p.rsiPeriod } },
  ],
  // A cross needs two settled spreads, so one candle beyond the slowest indicator.
  warmupBars: (p) => Math.max(p.slowPeriod, p.rsiPeriod + 1) + 1,
  init: (params) => ({
    params,
    fast: createIndicator({ name: 'ema', params: { period: params.fastPeriod } }),
    slow: createIndicator({ name: 'ema', params: { period: params.slowPeriod } }),
    rsi: createIndicator({ name: 'rsi', params: { period: params.rsiPeriod } }),
    prevSpread: NaN,
    buy: [{ type: 'market', side: 'buy', fraction: params.allocation, tag: 'ema-cross-up' }],
    sell: [{ type: 'market', side: 'sell', fraction: 1, tag: 'ema-exit' }],
  }),
  step(state, candle, position) {
    const fast = state.fast.update(candle);
    const slow = state.slow.update(candle);
    const rsi = state.rsi.update(candle);
    if (fast === null || slow === null || rsi === null) return { state, intents: NO_INTENTS };
    const spread = fast.values.value! - slow.values.value!;
    const prev = state.prevSpread;
    state.prevSpread = spread;
    if (Number.isNaN(prev)) return { state, intents: NO_INTENTS };
    const rsiValue = rsi.values.value!;
    if (position.base === 0) {
      const crossUp = prev <= 0 && spread > 0;
      return { state, intents: crossUp && rsiValue < state.params.rsiEntryMax ? state.buy : NO_INTENTS };
    }
    const crossDown = prev >= 0 && spread < 0;
    return { state, intents: crossDown || rsiValue >= state.params.rsiExit ? state.sell : NO_INTENTS };
  },
};
