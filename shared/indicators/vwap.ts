import { z } from 'zod';
import { VWAP } from 'trading-signals';
import { defineIndicator } from './definition.ts';
import { VALUE_OUTPUT, streamingIndicator } from './streaming.ts';

const DAY_MS = 86_400_000;

/** Session VWAP anchored to the UTC day: Σ(typical price × volume) / Σ volume since 00:00 UTC. */
export const vwapParams = z.strictObject({});
export type VwapParams = z.infer<typeof vwapParams>;

export function utcDayStart(time: number): number {
  return Math.floor(time / DAY_MS) * DAY_MS;
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
    let session = new VWAP();
    let sessionStart = -Infinity;
    return streamingIndicator(VALUE_OUTPUT, 1, (candle) => {
      const day = utcDayStart(candle.openTime);
      if (day !== sessionStart) {
        session = new VWAP();
        sessionStart = day;
      }
      // A zero-volume candle leaves the session sums unchanged (the library skips it), so the
      // session's value carries over; before any traded volume there is none.
      session.add(candle);
      const value = session.getResult();
      return value === null ? null : { value };
    });
  },
});
