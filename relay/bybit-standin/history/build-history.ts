import type { Bar } from '../market/candle-series.ts';
import { roundToStep } from '../market/decimal-text.ts';
import { DAY_MS, MINUTE_MS } from '../market/kline-intervals.ts';
import { deriveSeed, seededRandom } from '../../../shared/random/seeded-random.ts';
import type { InstrumentSpec } from './instrument-spec.ts';
import { nativeStepMs } from './parse-candle-files.ts';
import { loadSourceBars, type RealSymbol } from './real-symbols.ts';
import { estimateTurnover, splitIntoMinutes } from './split-into-minutes.ts';

/** A symbol's past as 1m bars on the stand-in's timeline, plus what the live walk continues from. */
export interface SymbolHistory {
  spec: InstrumentSpec;
  /** Ascending, contiguous 1m bars; the last one closes at `end`. */
  minutes: Bar[];
  /** Close time of the history: the live walk takes over from here. */
  end: number;
  /** Std-dev of 1m log returns over the last day of history: the walk's volatility. */
  sigmaPerMinute: number;
  /** Mean 1m base volume over the last day of history: the walk's trade sizes. */
  volumePerMinute: number;
}

/**
 * Where every symbol's history ends and the live walk takes over: a fixed moment, not the start
 * time, so a restarted stand-in serves the same candle for the same open time and the browser's
 * cached candles and drawings still match. Midnight UTC, so every native bar stays UTC-aligned.
 * Recent enough that catching the walk up to "now" stays quick.
 */
export const HISTORY_END = Date.UTC(2026, 10, 1);

/** Real series, shifted by a whole number of native bars so the last real bar closes at HISTORY_END. */
export function realHistory(real: RealSymbol, seed: number): SymbolHistory {
  const source = loadSourceBars(real);
  const step = nativeStepMs(source, real.file);
  const lastReal = source[source.length - 1]!;
  const end = HISTORY_END;
  const shift = end - step - lastReal.start;
  const random = seededRandom(deriveSeed(seed, `split:${real.spec.symbol}`));
  const minutes: Bar[] = [];
  for (const bar of source) {
    const { open, high, low, close, volume } = bar;
    if (step === MINUTE_MS) {
      const turnover = estimateTurnover(open, high, low, close, volume);
      minutes.push({ start: bar.start + shift, open, high, low, close, volume, turnover });
    } else {
      minutes.push(...splitIntoMinutes({ ...bar, start: bar.start + shift }, step, real.spec.tickSize, random));
    }
  }
  return { spec: real.spec, minutes, end, ...walkParameters(minutes) };
}

const SYNTHETIC_DAYS = 10;
const SYNTHETIC_SIGMA_PER_MINUTE = 0.0012;
const SUBSTEPS_PER_MINUTE = 4;

/** SIMnnUSDT: no real data, a seeded 1m walk of SYNTHETIC_DAYS days up to HISTORY_END, for benchmarks. */
export function syntheticHistory(index: number, seed: number): SymbolHistory {
  const name = `SIM${String(index + 1).padStart(2, '0')}`;
  const spec: InstrumentSpec = {
    symbol: `${name}USDT`, symbolId: 90_000 + index, baseCoin: name, quoteCoin: 'USDT', tickSize: '0.001',
    basePrecision: '0.01', quotePrecision: '0.000001', minOrderQty: '0.01', maxOrderQty: '100000',
    minOrderAmt: '1', maxOrderAmt: '1000000', synthetic: true,
  };
  const random = seededRandom(deriveSeed(seed, `history:${spec.symbol}`));
  const end = HISTORY_END;
  const count = (SYNTHETIC_DAYS * DAY_MS) / MINUTE_MS;
  const sigma = SYNTHETIC_SIGMA_PER_MINUTE / Math.sqrt(SUBSTEPS_PER_MINUTE);
  let price = 10 + 10 * index;
  const minutes: Bar[] = [];
  for (let i = 0; i < count; i++) {
    const open = price;
    let high = open;
    let low = open;
    for (let k = 0; k < SUBSTEPS_PER_MINUTE; k++) {
      price = Math.max(Number(spec.tickSize), roundToStep(price * Math.exp(sigma * random.gaussian()), spec.tickSize));
      high = Math.max(high, price);
      low = Math.min(low, price);
    }
    const volume = roundToStep(50 * random.exponential(), spec.basePrecision);
    const start = end - (count - i) * MINUTE_MS;
    minutes.push({ start, open, high, low, close: price, volume, turnover: estimateTurnover(open, high, low, price, volume) });
  }
  return { spec, minutes, end, ...walkParameters(minutes) };
}

const FALLBACK_SIGMA = 0.0005;

function walkParameters(minutes: Bar[]): { sigmaPerMinute: number; volumePerMinute: number } {
  const recent = minutes.slice(-1440);
  const returns: number[] = [];
  for (let i = 1; i < recent.length; i++) returns.push(Math.log(recent[i]!.close / recent[i - 1]!.close));
  const mean = returns.reduce((s, r) => s + r, 0) / Math.max(1, returns.length);
  const variance = returns.reduce((s, r) => s + (r - mean) ** 2, 0) / Math.max(1, returns.length);
  const volumePerMinute = recent.reduce((s, b) => s + b.volume, 0) / Math.max(1, recent.length);
  return { sigmaPerMinute: Math.sqrt(variance) || FALLBACK_SIGMA, volumePerMinute };
}
