import { z } from 'zod';
import { donchianChannel, openFeeds, registeredIndicator, usesOf, type IndicatorFeed } from './indicator-feeds.ts';
import { NO_INTENTS, strategyParamsObject, type Strategy } from './strategy.ts';
import type { OrderIntent } from './intents.ts';

/**
 * Breakout (Turtle style): buy a close above the highest high of the previous `entryPeriod`
 * candles; protect it with an exchange-held sell stop `atrMultiple` ATRs under the close, trailed
 * up only; exit at a close under the lowest low of the previous `exitPeriod` candles.
 */
export const donchianAtrParams = strategyParamsObject({
  entryPeriod: z.number().int().min(5).max(400).default(20).meta({ title: 'Entry channel period', description: 'Buy a close above the highest high of this many previous candles.' }),
  exitPeriod: z.number().int().min(2).max(400).default(10).meta({ title: 'Exit channel period', description: 'Sell a close below the lowest low of this many previous candles; not longer than the entry channel.' }),
  atrPeriod: z.number().int().min(2).max(100).default(14).meta({ title: 'ATR period', description: 'Candles the average true range (the stop distance unit) looks back over.' }),
  atrMultiple: z.number().min(0.5).max(10).default(2).meta({ title: 'ATR stop multiple', description: 'The trailing stop rests this many ATRs below the close.' }),
  allocation: z.number().gt(0).lte(1).default(1).meta({ title: 'Allocation', description: 'Share of the free quote balance spent per entry: 1 is all in, 0.5 half.' }),
})
  .refine((p) => p.exitPeriod <= p.entryPeriod, { message: 'Exit channel period must not be longer than the entry channel period', path: ['exitPeriod'] });
export type DonchianAtrParams = z.infer<typeof donchianAtrParams>;

const feedsOf = (p: DonchianAtrParams) => ({
  entryChannel: donchianChannel(p.entryPeriod),
  exitChannel: donchianChannel(p.exitPeriod),
  atr: registeredIndicator({ name: 'atr', params: { period: p.atrPeriod } }),
});

interface DonchianState {
  params: DonchianAtrParams;
  entryChannel: IndicatorFeed;
  exitChannel: IndicatorFeed;
  atr: IndicatorFeed;
  /** Channel bounds of the candles before the current one (a breakout compares against these). */
  prevUpper: number;
  prevLower: number;
  /** Current protective stop, 0 when none is resting. */
  stopPrice: number;
  buy: readonly OrderIntent[];
  exit: readonly OrderIntent[];
}

export const donchianAtr: Strategy<DonchianAtrParams, DonchianState> = {
  id: 'donchian-atr',
  version: '1.0.1',
  name: 'Donchian breakout + ATR stop',
  description: 'Donchian channel breakout with a trailing ATR stop held on the exchange and a shorter-channel exit.',
  paramsSchema: donchianAtrParams,
  orderTags: {
    breakout: 'Close above the entry channel',
    'channel-exit': 'Close below the exit channel',
    'atr-stop': 'Trailing ATR stop hit',
  },
  indicators: (p) => usesOf(feedsOf(p)),
  // ATR(n) has its first value on candle n + 1 (its first true range needs a previous close).
  warmupBars: (p) => Math.max(p.entryPeriod + 1, p.atrPeriod + 1),
  init: (params, indicators) => ({
    params,
    ...openFeeds(indicators, feedsOf(params)),
    prevUpper: NaN,
    prevLower: NaN,
    stopPrice: 0,
    buy: [{ type: 'market', side: 'buy', fraction: params.allocation, tag: 'breakout' }],
    exit: [{ type: 'cancel', side: 'sell' }, { type: 'market', side: 'sell', fraction: 1, tag: 'channel-exit' }],
  }),
  step(state, candle, position) {
    const atr = state.atr.next(candle);
    const { prevUpper, prevLower } = state;
    const entry = state.entryChannel.next(candle);
    const exit = state.exitChannel.next(candle);
    state.prevUpper = entry === null ? NaN : entry.upper!;
    state.prevLower = exit === null ? NaN : exit.lower!;
    if (atr === null || Number.isNaN(prevUpper) || Number.isNaN(prevLower)) return { state, intents: NO_INTENTS };

    if (position.base === 0) {
      state.stopPrice = 0;
      return { state, intents: candle.close > prevUpper ? state.buy : NO_INTENTS };
    }
    if (candle.close < prevLower) {
      state.stopPrice = 0;
      return { state, intents: state.exit };
    }
    const trailed = candle.close - state.params.atrMultiple * atr.value!;
    if (trailed <= state.stopPrice) return { state, intents: NO_INTENTS };
    state.stopPrice = trailed;
    return { state, intents: [{ type: 'stop', side: 'sell', fraction: 1, stopPrice: trailed, tag: 'atr-stop' }] };
  },
};
