import { z } from 'zod';
import { candleOpenTime, INTERVAL_MS, IntervalSchema, type Interval } from '../../shared/market/interval.ts';
import { HttpError } from './http-error.ts';

/** One request may span at most this many candles; the client pages longer histories. */
export const MAX_CANDLES_PER_REQUEST = 50_000;
const DEFAULT_CANDLE_COUNT = 1000;

export const SYMBOL_PATTERN = /^[A-Z0-9]{2,30}$/;
const SymbolSchema = z
  .string({ error: 'symbol is required, e.g. symbol=BTCUSDT' })
  .regex(SYMBOL_PATTERN, 'symbol must be an upper-case spot symbol such as BTCUSDT')
  .meta({ examples: ['BTCUSDT'] });

/** The last instant a JavaScript Date can hold. */
const MAX_EPOCH_MS = 8_640_000_000_000_000;

/** Plain decimal digits only: Number() would also take '', ' ', '0x10', '1e3' and '-5'. */
const EpochMs = (name: string) => {
  const hint = `${name} must be a Unix time in milliseconds, e.g. ${name}=1700000000000`;
  return z
    .string({ error: hint })
    .regex(/^\d{1,16}$/, hint)
    .meta({ description: 'Unix time in milliseconds, plain decimal digits', examples: ['1700000000000'] })
    .transform(Number)
    .refine((ms) => ms <= MAX_EPOCH_MS, `${name} is beyond the last representable date`)
    .optional();
};

/** The candle window query of /candles and /indicators. */
export const CandleWindowQuerySchema = z.object({
  symbol: SymbolSchema,
  interval: IntervalSchema,
  from: EpochMs('from'),
  to: EpochMs('to'),
});

/** Which candles a request is about; /candles and /indicators read it with the same parser. */
export interface CandleWindow {
  symbol: string;
  interval: Interval;
  /** Aligned to candle open times: equal ranges give equal cache keys. */
  from: number;
  to: number;
}

function badRequest(error: z.ZodError): HttpError {
  return new HttpError(400, 'invalid_query', error.issues.map((issue) => issue.message).join('; '));
}

/**
 * `to` defaults to now and `from` to 1000 candles before it. Both bounds are snapped inward to
 * candle open times, which leaves the set of candles unchanged ([from, to] is inclusive).
 */
export function parseCandleWindow(query: unknown, now: number): CandleWindow {
  const parsed = CandleWindowQuerySchema.safeParse(query);
  if (!parsed.success) throw badRequest(parsed.error);
  const { symbol, interval } = parsed.data;
  const step = INTERVAL_MS[interval];
  const to = parsed.data.to ?? now;
  const from = parsed.data.from ?? candleOpenTime(to, interval) - (DEFAULT_CANDLE_COUNT - 1) * step;
  if (from > to) throw new HttpError(400, 'invalid_range', `from (${from}) must not be after to (${to})`);

  const alignedFrom = Math.ceil(from / step) * step;
  const alignedTo = candleOpenTime(to, interval);
  const count = alignedTo >= alignedFrom ? (alignedTo - alignedFrom) / step + 1 : 0;
  if (count > MAX_CANDLES_PER_REQUEST) {
    throw new HttpError(
      400,
      'range_too_large',
      `the range covers ${count} ${interval} candles; at most ${MAX_CANDLES_PER_REQUEST} per request — narrow from/to`,
    );
  }
  return { symbol, interval, from: alignedFrom, to: alignedTo };
}

export const TickersQuerySchema = z.object({
  symbols: z
    .string({ error: 'symbols must be a comma-separated list such as BTCUSDT,ETHUSDT' })
    .optional()
    .meta({ description: 'comma-separated spot symbols; absent or empty means every ticker', examples: ['BTCUSDT,ETHUSDT'] }),
});

/** `symbols=BTCUSDT,ETHUSDT`; absent or empty means every spot ticker. */
export function parseTickersQuery(query: unknown): string[] {
  const parsed = TickersQuerySchema.safeParse(query);
  if (!parsed.success) throw badRequest(parsed.error);
  const symbols = [...new Set((parsed.data.symbols ?? '').split(',').map((s) => s.trim()).filter(Boolean))];
  const bad = symbols.find((s) => !SYMBOL_PATTERN.test(s));
  if (bad !== undefined) {
    throw new HttpError(400, 'invalid_query', `"${bad}" is not a spot symbol; use upper case such as BTCUSDT`);
  }
  return symbols;
}
