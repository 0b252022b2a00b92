import { z } from 'zod';
import { DonchianChannels } from 'trading-signals';
import { createIndicator, type StreamingIndicator } from '../indicators/index.ts';
import { NO_INTENTS, strategyParamsObject, type Strategy } from './strategy.ts';
import type { OrderIntent } from './intents.ts';

/**
 * Breakout (Turtle style): buy a close above the highest high of the previous `entryPeriod`
 * candles; protect it with an exchange-held sell stop `atrMultiple` ATRs under the close, trailed
 * up only; exit at a close under the lowest low of the previous `exitPeriod` candles.
 */
export const donchianAtrParams = strategyParamsObject({
  /** Breakout channel length; default 20. */
  entryPeriod: z.number().int().min(5).max(400).default(20).meta({ title: 'Entry channel period' }),
  /** Exit channel length, shorter than the entry one; default 10. */
  exitPeriod: z.number().int().min(2).max(400).default(10).meta({ title: 'Exit channel period' }),
  /** ATR period; default 14. */
  atrPeriod: z.number().int().min(2).max(100).default(14).meta({ title: 'ATR period' }),
  /** Stop distance in ATRs; default 2. */
  atrMultiple: z.number().min(0.5).max(10).default(2).meta({ title: 'ATR stop multiple' }),
  /** Share of free quote spent per entry; default 1. */
  allocation: z.number().gt(0).lte(1).default(1).meta({ title: 'Allocation' }),
})
  .refine((p) => p.exitPeriod <= p.entryPeriod, { message: 'exitPeriod must not exceed entryPeriod', path: ['exitPeriod'] });
export type DonchianAtrParams = z.infer<typeof donchianAtrParams>;

interface DonchianState {
  params: DonchianAtrParams;
  // The project's indicator engine has no Donchian channel yet, so trading-signals' is used directly.
  entryChannel: DonchianChannels;
  exitChannel: DonchianChannels;
  atr: StreamingIndicator;
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
  description: 'Donchian channel breakout with a trailing ATR stop held on the exchange and a shorter-channel exit.',
  paramsSchema: donchianAtrParams,
  indicators: (p) => [
    { name: 'donchian', params: { period: p.entryPeriod } },
    { name: 'donchian', params: { period: p.exitPeriod } },
    { name: 'atr', params: { period: p.atrPeriod } },
  ],
  // ATR(n) has its first value on candle n + 1 (its first true range needs a previous close).
  warmupBars: (p) => Math.max(p.entryPeriod + 1, p.atrPeriod + 1),
  init: (params) => ({
    params,
    entryChannel: new DonchianChannels(params.entryPeriod),
    exitChannel: new DonchianChannels(params.exitPeriod),
    atr: createIndicator({ name: 'atr', params: { period: params.atrPeriod } }),
    prevUpper: NaN,
    prevLower: NaN,
    stopPrice: 0,
    buy: [{ type: 'market', side: 'buy', fraction: params.allocation, tag: 'breakout' }],
    exit: [{ type: 'cancel', side: 'sell' }, { type: 'market', side: 'sell', fraction: 1, tag: 'channel-exit' }],
  }),
  step(state, candle, position) {
    const atrPoint = state.atr.update(candle);
    const { prevUpper, prevLower } = state;
    // trading-signals' channels keep every candle of their window, and a runner reuses one candle
    // object per run: given `candle` itself, the whole window would be the current candle.
    const highLow = { high: candle.high, low: candle.low };
    const entry = state.entryChannel.add(highLow);
    const exit = state.exitChannel.add(highLow);
    state.prevUpper = entry === null ? NaN : entry.upper;
    state.prevLower = exit === null ? NaN : exit.lower;
    if (atrPoint === null || Number.isNaN(prevUpper) || Number.isNaN(prevLower)) return { state, intents: NO_INTENTS };

    if (position.base === 0) {
      state.stopPrice = 0;
      return { state, intents: candle.close > prevUpper ? state.buy : NO_INTENTS };
    }
    if (candle.close < prevLower) {
      state.stopPrice = 0;
      return { state, intents: state.exit };
    }
    const trailed = candle.close - state.params.atrMultiple * atrPoint.values.value!;
    if (trailed <= state.stopPrice) return { state, intents: NO_INTENTS };
    state.stopPrice = trailed;
    return { state, intents: [{ type: 'stop', side: 'sell', fraction: 1, stopPrice: trailed, tag: 'atr-stop' }] };
  },
};
