import { estimateTurnover } from '../history/split-into-minutes.ts';
import type { Bar } from './candle-series.ts';
import { roundToStep } from './decimal-text.ts';
import { MINUTE_MS } from './kline-intervals.ts';
import { deriveSeed, seededRandom } from '../../../shared/random/seeded-random.ts';
import { pathAt } from './waypoint-path.ts';

/** What the live walk needs to know about a symbol to plan its minutes. */
export interface WalkParameters {
  seed: number;
  symbol: string;
  tickSize: string;
  basePrecision: string;
  /** Simulated time between trades, ms. */
  tickMs: number;
  sigmaPerMinute: number;
  /** Mean traded base quantity per tick. */
  qtyPerTick: number;
}

/** One minute of the walk: `trades` trades, the j-th at `start + j * tickMs`. */
export interface MinutePlan {
  start: number;
  trades: number;
  /** Price of trade j (0 <= j < trades). */
  priceAt(j: number): number;
  /** The 1m candle after trade j, given the candle after trade j - 1 (the flat open candle for j = 0). */
  candleAfter(j: number, before: Bar): Bar;
  /** The closed 1m candle, equal to the one left by playing every trade. */
  closed: Bar;
  /** Base quantity of each of the minute's trades. */
  tradeQty: number;
  /** Top-of-book sizes quoted during the minute. */
  bidSize: number;
  askSize: number;
}

const SUBSTEPS = 4;
/** Spread of a trade around the path, as a share of the minute's range. */
const SCATTER_SHARE = 0.25;

function drawScatter(seed: number, trades: number, sd: number): number[] {
  const random = seededRandom(seed);
  return Array.from({ length: trades }, () => sd * random.gaussian());
}

/**
 * The walk's minute opening at `start` (a minute boundary) after a close of `open`. It depends only
 * on the seed, the symbol, the minute and that close, never on when the stand-in started, so two
 * stand-ins agree on every minute they both serve. The minute's close and extremes come from a few
 * seeded sub-steps; its trades then run open -> first extreme -> second extreme -> close, each
 * extreme on a trade of its own. Volume grows by one lot per trade and turnover is estimated from
 * the candle (as for the history), so a whole minute costs O(1) when catching up from the history's end.
 */
export function planMinute(walk: WalkParameters, start: number, open: number): MinutePlan {
  const random = seededRandom(deriveSeed(walk.seed, `walk:${walk.symbol}:${start}`));
  const tick = Number(walk.tickSize);
  const sigma = walk.sigmaPerMinute / Math.sqrt(SUBSTEPS);
  let close = open;
  let high = open;
  let low = open;
  for (let k = 0; k < SUBSTEPS; k++) {
    close = Math.max(tick, roundToStep(close * Math.exp(sigma * random.gaussian()), walk.tickSize));
    high = Math.max(high, close);
    low = Math.min(low, close);
  }
  const trades = Math.ceil(MINUTE_MS / walk.tickMs);
  const highFirst = random.next() < 0.5;
  // Distinct trades for both extremes before the closing trade; too few trades keep only open and close.
  const extremes = trades >= 3;
  if (!extremes) {
    high = Math.max(open, close);
    low = Math.min(open, close);
  }
  const a = Math.floor(random.next() * (trades - 2));
  const b = a + 1 + Math.floor(random.next() * (trades - 2 - a));
  const waypoints: [number, number][] = extremes
    ? [[0, open], [a, highFirst ? high : low], [b, highFirst ? low : high], [trades - 1, close]]
    : [[0, open], [trades - 1, close]];
  const lot = (qty: number) => Math.max(Number(walk.basePrecision), roundToStep(qty, walk.basePrecision));
  const qty = lot(walk.qtyPerTick * random.exponential());
  const candle = (h: number, l: number, c: number, volume: number): Bar => ({
    start, open, high: h, low: l, close: c, volume, turnover: estimateTurnover(open, h, l, c, volume),
  });
  // Trades between waypoints scatter around the straight path (bid/ask bounce): on a straight path
  // alone, a leg from the open to an extreme equal to it held the price still for up to a minute,
  // which no liquid market does. Drawn on first use, so catching up whole minutes stays O(1).
  let scatter: number[] | null = null;
  const scatterAt = (j: number) => {
    if (waypoints.some(([x]) => x === j)) return 0;
    scatter ??= drawScatter(deriveSeed(walk.seed, `scatter:${walk.symbol}:${start}`), trades, (high - low) * SCATTER_SHARE);
    return scatter[j]!;
  };
  const priceAt = (j: number) => Math.min(high, Math.max(low, roundToStep(pathAt(waypoints, j) + scatterAt(j), walk.tickSize)));
  return {
    start,
    trades,
    priceAt,
    candleAfter(j, before) {
      const price = priceAt(j);
      return candle(Math.max(before.high, price), Math.min(before.low, price), price, qty * (j + 1));
    },
    closed: candle(high, low, close, qty * trades),
    tradeQty: qty,
    bidSize: lot(walk.qtyPerTick * 4 * random.exponential()),
    askSize: lot(walk.qtyPerTick * 4 * random.exponential()),
  };
}
