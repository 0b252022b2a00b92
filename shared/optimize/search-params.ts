import type { CandleColumns } from '../backtest/candle-columns.ts';
import type { RunRange } from '../backtest/engine.ts';
import type { BacktestConfig, Metrics, ScoreMetric } from '../backtest/schemas.ts';
import { seededRandom } from '../random/seeded-random.ts';
import type { StrategyEntry } from '../strategy/registry.ts';
import { numericParamBounds, type NumericParamBounds } from './param-bounds.ts';
import { backtestMany } from '../backtest/backtest-many.ts';

/** Floats are drawn on this grid (4 decimals) so fitted params read like a trader would type them. */
const FLOAT_GRID = 1e4;
/** Draws per wanted candidate before giving up on a schema whose cross-field rules refuse most draws. */
const MAX_DRAWS_PER_CANDIDATE = 20;

export interface SearchOptions {
  /** The only candles scored (earlier ones warm the strategy up): a search never sees beyond `range.end`. */
  range: RunRange;
  /** Seeded candidates to draw. */
  candidates: number;
  seed: number;
  score: ScoreMetric;
  /** Values of the params the search does not move (choices, unbounded numbers); the schema's defaults otherwise. */
  base?: Record<string, unknown>;
  /** Params scored alongside the drawn ones, e.g. the ones in use now. */
  include?: readonly Record<string, unknown>[];
  /**
   * Candidates with fewer trades on the range rank after every one that has enough: a set that
   * never trades scores a flat 0 and would otherwise "win" wherever trading loses.
   */
  minTrades?: number;
}

export interface ScoredParams {
  params: Record<string, unknown>;
  metrics: Metrics;
  score: number;
}

export interface SearchResult {
  /** Candidates with `minTrades` first, each group by highest score; a tie keeps the earlier candidate (included params, then draw order). */
  ranked: ScoredParams[];
  best: ScoredParams;
  /** Drawn candidates the strategy's schema refused (e.g. a fast period not below the slow one). */
  refused: number;
}

function draw(bounds: NumericParamBounds, u: number): number {
  if (bounds.integer) {
    const lo = Math.ceil(bounds.min);
    return lo + Math.floor(u * (Math.floor(bounds.max) - lo + 1));
  }
  return Math.round((bounds.min + u * (bounds.max - bounds.min)) * FLOAT_GRID) / FLOAT_GRID;
}

/**
 * `count` distinct valid params: every bounded numeric param drawn uniformly inside its zod bounds
 * from a seeded generator, the rest from `base`. Draws the schema refuses (its cross-field rules)
 * are skipped and counted; the same seed gives the same candidates.
 */
export function drawCandidates(entry: StrategyEntry, count: number, seed: number, base: Record<string, unknown> = {}): { candidates: Record<string, unknown>[]; refused: number } {
  const bounds = numericParamBounds(entry.paramsSchema);
  const random = seededRandom(seed);
  const seen = new Set<string>();
  const candidates: Record<string, unknown>[] = [];
  let refused = 0;
  for (let draws = 0; candidates.length < count && draws < count * MAX_DRAWS_PER_CANDIDATE; draws++) {
    const raw: Record<string, unknown> = { ...base };
    for (const b of bounds) raw[b.key] = draw(b, random.next());
    let params: Record<string, unknown>;
    try {
      params = entry.parseParams(raw);
    } catch {
      refused++;
      continue;
    }
    const key = JSON.stringify(params);
    if (seen.has(key)) continue;
    seen.add(key);
    candidates.push(params);
  }
  return { candidates, refused };
}

/**
 * Bounded random search: seeded candidates (plus `include`) scored by a backtest on `range` only,
 * ranked by `score`. Used to re-fit on a walk-forward training window and by the local advisor.
 */
export function searchParams(cols: CandleColumns, entry: StrategyEntry, config: BacktestConfig, options: SearchOptions): SearchResult {
  const { candidates, refused } = drawCandidates(entry, options.candidates, options.seed, options.base);
  const included = (options.include ?? []).map((p) => entry.parseParams(p));
  const seen = new Set(included.map((p) => JSON.stringify(p)));
  const paramsList = [...included, ...candidates.filter((p) => !seen.has(JSON.stringify(p)))];
  if (paramsList.length === 0) throw new Error(`no valid ${entry.id} params among ${refused} drawn candidates; the schema refused every draw`);
  // One indicator series per distinct config, shared by every candidate (backtestMany).
  const metrics = backtestMany(cols, entry, paramsList, config, options.range);
  const minTrades = options.minTrades ?? 0;
  const enough = (s: ScoredParams) => (s.metrics.tradeCount >= minTrades ? 1 : 0);
  const ranked = paramsList
    .map((params, i) => ({ params, metrics: metrics[i]!, score: metrics[i]![options.score] }))
    .sort((a, b) => enough(b) - enough(a) || b.score - a.score);
  return { ranked, best: ranked[0]!, refused };
}
