import type { OrderIntent } from '../strategy/intents.ts';
import { NO_INTENTS, type BoundStrategy } from '../strategy/strategy.ts';

/**
 * Every intent kind the fill model knows, from a seeded generator: market buys and sells, buy and
 * sell limits (some with a ttl), sell stops, cancels, and a cancel followed by a new buy limit.
 * Never two buy limits in one step: the second would be sized on funds the first has just locked,
 * which a venue across a wire only reports back later (a live runner places them one at a time).
 */
export function everyIntentKind(seed: number): BoundStrategy {
  return {
    id: 'every-intent-kind',
    version: '1',
    params: { seed },
    warmupBars: 5,
    indicators: [],
    init: () => ({ s: seed }),
    step(state, candle, position) {
      const st = state as { s: number };
      const rnd = () => (st.s = (Math.imul(st.s, 1103515245) + 12345) >>> 0) / 2 ** 32;
      if (rnd() < 0.6) return { state, intents: NO_INTENTS };
      const fraction = Math.min(1, 0.002 + rnd());
      const r = rnd();
      const intents: OrderIntent[] =
        r < 0.2
          ? [{ type: 'market', side: 'buy', fraction, tag: 'entry' }]
          : r < 0.35
            ? [{ type: 'market', side: 'sell', fraction }]
            : r < 0.5
              ? [{ type: 'limit', side: 'buy', fraction, price: candle.close * (0.996 + rnd() * 0.005), ...(rnd() < 0.5 ? { ttlBars: 1 + Math.floor(rnd() * 4) } : {}) }]
              : r < 0.65
                ? [{ type: 'limit', side: 'sell', fraction, price: candle.close * (0.999 + rnd() * 0.005) }]
                : r < 0.8
                  ? [{ type: 'stop', side: 'sell', fraction, stopPrice: (position.base > 0 ? position.entryPrice : candle.close) * (0.99 + rnd() * 0.01), tag: 'stop' }]
                  : r < 0.9
                    ? [{ type: 'cancel', ...(rnd() < 0.5 ? { side: rnd() < 0.5 ? ('buy' as const) : ('sell' as const) } : {}) }]
                    : [{ type: 'cancel', side: 'buy' }, { type: 'limit', side: 'buy', fraction, price: candle.close * 0.998, tag: 'rebid' }];
      return { state, intents };
    },
  };
}

/**
 * Round trips through resting limits: flat, it bids under the close (every fifth entry above it,
 * so the bid is marketable at the next open) for five candles; long, it offers the whole position
 * just above its entry, and below the entry by 0.5 % it cancels that offer and sells at market.
 */
export function limitRoundTrips(): BoundStrategy {
  return {
    id: 'limit-round-trips',
    version: '1',
    params: {},
    warmupBars: 1,
    indicators: [],
    init: () => ({ bar: 0, bidUntil: -1, offeredFor: Number.NaN, entries: 0 }),
    step(state, candle, position) {
      const st = state as { bar: number; bidUntil: number; offeredFor: number; entries: number };
      st.bar++;
      if (position.base > 0) {
        if (candle.close < position.entryPrice * 0.995) {
          st.offeredFor = Number.NaN;
          return { state, intents: [{ type: 'cancel', side: 'sell' }, { type: 'market', side: 'sell', fraction: 1, tag: 'stop-out' }] };
        }
        if (st.offeredFor === position.entryPrice) return { state, intents: NO_INTENTS };
        st.offeredFor = position.entryPrice;
        return { state, intents: [{ type: 'limit', side: 'sell', fraction: 1, price: position.entryPrice * 1.002, tag: 'take-profit' }] };
      }
      st.offeredFor = Number.NaN;
      if (st.bar <= st.bidUntil) return { state, intents: NO_INTENTS };
      st.entries++;
      st.bidUntil = st.bar + 5;
      const price = candle.close * (st.entries % 5 === 0 ? 1.001 : 0.999);
      return { state, intents: [{ type: 'limit', side: 'buy', fraction: 0.9, price, ttlBars: 5, tag: 'entry' }] };
    },
  };
}
