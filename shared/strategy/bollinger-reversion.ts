import { z } from 'zod';
import { openFeeds, registeredIndicator, usesOf, type IndicatorFeed } from './indicator-feeds.ts';
import { NO_INTENTS, strategyParamsObject, type Strategy } from './strategy.ts';
import type { OrderIntent } from './intents.ts';

/** Mean reversion: buy a close below the lower Bollinger band, sell on the return to the mean. */
export const bollingerReversionParams = strategyParamsObject({
  period: z.number().int().min(5).max(400).default(20).meta({ title: 'Bollinger period', description: 'Candles in the moving average the bands are drawn around.' }),
  stdDev: z.number().min(0.5).max(5).default(2).meta({ title: 'Band width (std devs)', description: 'Distance of the bands from the average, in standard deviations.' }),
  exitAt: z.enum(['middle', 'upper']).default('middle').meta({ title: 'Exit at band', description: 'Sell back at the middle band (the average) or only at the upper band.' }),
  stopLoss: z.number().gt(0).max(0.5).default(0.05).meta({ title: 'Stop loss', description: 'Give up once the close falls this far below the entry, as a fraction: 0.05 is 5%.' }),
  allocation: z.number().gt(0).lte(1).default(1).meta({ title: 'Allocation', description: 'Share of the free quote balance spent per entry: 1 is all in, 0.5 half.' }),
});
export type BollingerReversionParams = z.infer<typeof bollingerReversionParams>;

const feedsOf = (p: BollingerReversionParams) => ({
  bands: registeredIndicator({ name: 'bb', params: { period: p.period, stdDev: p.stdDev } }),
});

interface BollingerState {
  params: BollingerReversionParams;
  bands: IndicatorFeed;
  buy: readonly OrderIntent[];
  reverted: readonly OrderIntent[];
  stopLoss: readonly OrderIntent[];
}

export const bollingerReversion: Strategy<BollingerReversionParams, BollingerState> = {
  id: 'bollinger-reversion',
  version: '1.0.1',
  name: 'Bollinger mean reversion',
  description: 'Bollinger mean reversion: buy a close under the lower band; sell back at the middle (or upper) band, or at a fixed stop-loss.',
  paramsSchema: bollingerReversionParams,
  orderTags: {
    'below-lower-band': 'Close below the lower band',
    'reverted': 'Price returned to the target band',
    'stop-loss': 'Stop loss below the entry',
  },
  indicators: (p) => usesOf(feedsOf(p)),
  warmupBars: (p) => p.period,
  init: (params, indicators) => ({
    params,
    ...openFeeds(indicators, feedsOf(params)),
    buy: [{ type: 'market', side: 'buy', fraction: params.allocation, tag: 'below-lower-band' }],
    reverted: [{ type: 'market', side: 'sell', fraction: 1, tag: 'reverted' }],
    stopLoss: [{ type: 'market', side: 'sell', fraction: 1, tag: 'stop-loss' }],
  }),
  step(state, candle, position) {
    const bands = state.bands.next(candle);
    if (bands === null) return { state, intents: NO_INTENTS };
    const { upper, middle, lower } = bands as { upper: number; middle: number; lower: number };
    if (position.base === 0) return { state, intents: candle.close < lower ? state.buy : NO_INTENTS };
    const target = state.params.exitAt === 'middle' ? middle : upper;
    if (candle.close >= target) return { state, intents: state.reverted };
    return { state, intents: candle.close <= position.entryPrice * (1 - state.params.stopLoss) ? state.stopLoss : NO_INTENTS };
  },
};
