import { z } from 'zod';
import { IndicatorsQuerySchema, IndicatorSpecError, parseIndicatorSpec } from '../../shared/indicators/index.ts';
import type { IndicatorSpec } from '../../shared/indicators/index.ts';
import { candleOpenTime, INTERVAL_MS, type Interval } from '../../shared/market/index.ts';
import { HttpError } from '../http/http-error.ts';
import { MAX_CANDLES_PER_REQUEST } from '../http/market-queries.ts';

const DEFAULT_CANDLE_COUNT = 1000;

export interface IndicatorsRequest {
  symbol: string;
  interval: Interval;
  spec: IndicatorSpec;
  /** Candle open times, inclusive, aligned like /candles so both answer for the same candles. */
  from: number;
  to: number;
}

function badRequest(message: string): HttpError {
  return new HttpError(400, 'bad_request', message);
}

/**
 * `GET /indicators` query → validated request. Range defaults match /candles: `to` = now,
 * `from` = 1000 candles before it; bounds snap inward to candle open times.
 */
export function parseIndicatorsRequest(query: unknown, now: number): IndicatorsRequest {
  const parsed = IndicatorsQuerySchema.safeParse(query);
  if (!parsed.success) throw badRequest(z.prettifyError(parsed.error));
  const { symbol, interval, name, params } = parsed.data;

  let spec: IndicatorSpec;
  try {
    spec = parseIndicatorSpec({ name, params });
  } catch (err) {
    if (err instanceof IndicatorSpecError) throw badRequest(err.message);
    throw err;
  }

  const step = INTERVAL_MS[interval];
  const to = parsed.data.to ?? now;
  const from = parsed.data.from ?? candleOpenTime(to, interval) - (DEFAULT_CANDLE_COUNT - 1) * step;
  if (from > to) throw badRequest(`from (${from}) must not be after to (${to})`);
  const alignedFrom = Math.ceil(from / step) * step;
  const alignedTo = candleOpenTime(to, interval);
  const count = alignedTo >= alignedFrom ? (alignedTo - alignedFrom) / step + 1 : 0;
  if (count > MAX_CANDLES_PER_REQUEST) {
    throw badRequest(
      `the range covers ${count} ${interval} candles; at most ${MAX_CANDLES_PER_REQUEST} per request — narrow from/to`,
    );
  }
  return { symbol, interval, spec, from: alignedFrom, to: alignedTo };
}
