import { z } from 'zod';
import { createIndicator, type StreamingIndicator } from '../indicators/index.ts';
import { NO_INTENTS, strategyParamsObject, type Strategy } from './strategy.ts';
import type { OrderIntent } from './intents.ts';

/** Mean reversion: buy a close below the lower Bollinger band, sell on the return to the mean. */
export const bollingerReversionParams = strategyParamsObject({
  /** Band window in candles; default 20. */
  period: z.number().int().min(5).max(400).default(20),
  /** Band width in standard deviations; default 2. */
  stdDev: z.number().min(0.5).max(5).default(2),
  /** Exit at the middle band (the mean) or only at the upper band; default middle. */
  exitAt: z.enum(['middle', 'upper']).default('middle'),
  /** Give up when the close falls this far below the entry (fraction); default 0.05. */
  stopLoss: z.number().gt(0).max(0.5).default(0.05),
  /** Share of free quote spent per entry; default 1. */
  allocation: z.number().gt(0).lte(1).default(1),
});
export type BollingerReversionParams = z.infer<typeof bollingerReversionParams>;

interface BollingerState {
  params: BollingerReversionParams;
  bands: StreamingIndicator;
  buy: readonly OrderIntent[];
  sell: readonly OrderIntent[];
}

export const bollingerReversion: Strategy<BollingerReversionParams, BollingerState> = {
  id: 'bollinger-reversion',
  version: '1.0.0',
  description: 'Bollinger mean reversion: buy a close under the lower band; sell back at the middle (or upper) band, or at a fixed stop-loss.',
  paramsSchema: bollingerReversionParams,
  indicators: (p) => [{ name: 'bb', params: { period: p.period, stdDev: p.stdDev } }],
  warmupBars: (p) => p.period,
  init: (params) => ({
    params,
    bands: createIndicator({ name: 'bb', params: { period: params.period, stdDev: params.stdDev } }),
    buy: [{ type: 'market', side: 'buy', fraction: params.allocation, tag: 'below-lower-band' }],
    sell: [{ type: 'market', side: 'sell', fraction: 1, tag: 'reverted' }],
  }),
  step(state, candle, position) {
    const point = state.bands.update(candle);
    if (point === null) return { state, intents: NO_INTENTS };
    const { upper, middle, lower } = point.values as { upper: number; middle: number; lower: number };
    if (position.base === 0) return { state, intents: candle.close < lower ? state.buy : NO_INTENTS };
    const target = state.params.exitAt === 'middle' ? middle : upper;
    const stopped = candle.close <= position.entryPrice * (1 - state.params.stopLoss);
    return { state, intents: candle.close >= target || stopped ? state.sell : NO_INTENTS };
  },
};
