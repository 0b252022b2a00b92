import { z } from 'zod';
import { defineIndicator } from './definition.ts';
import { VALUE_OUTPUT, streamingIndicator } from './streaming.ts';

const DAY_MS = 86_400_000;

/** Session VWAP anchored to the UTC day: Σ(typical price × volume) / Σ volume since 00:00 UTC. */
export const vwapParams = z.strictObject({});
export type VwapParams = z.infer<typeof vwapParams>;

export function utcDayStart(time: number): number {
  return Math.floor(time / DAY_MS) * DAY_MS;
}

interface Session {
  day: number;
  priceVolume: number;
  volume: number;
}

export const vwap = defineIndicator({
  name: 'vwap',
  label: 'VWAP (UTC day)',
  pane: 'price',
  params: vwapParams,
  outputs: VALUE_OUTPUT,
  requiredInputs: () => 1,
  lookbackStart: (_params: VwapParams, from) => utcDayStart(from),
  create() {
    // Plain sums rather than trading-signals' VWAP: its replace() subtracts the replaced candle
    // (not bit-equal to never adding it) and, after a zero-volume candle, removes the wrong one.
    let session: Session = { day: -Infinity, priceVolume: 0, volume: 0 };
    let beforeLast = session;
    return streamingIndicator(VALUE_OUTPUT, 1, (candle, replace) => {
      if (replace) session = beforeLast;
      else beforeLast = session;
      const day = utcDayStart(candle.openTime);
      const base = day === session.day ? session : { day, priceVolume: 0, volume: 0 };
      const typical = (candle.high + candle.low + candle.close) / 3;
      // A zero-volume candle leaves the sums as they are, so the session value carries over;
      // before any traded volume there is none.
      session = { day, priceVolume: base.priceVolume + typical * candle.volume, volume: base.volume + candle.volume };
      return session.volume === 0 ? null : { value: session.priceVolume / session.volume };
    });
  },
});
