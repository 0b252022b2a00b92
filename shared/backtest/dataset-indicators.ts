import type { CandleColumns } from './candle-columns.ts';
import { canonicalJson } from '../json/canonical-json.ts';
import type { OhlcvCandle } from '../market/schemas.ts';
import type { FeedSpec, FeedValues, IndicatorFeed, IndicatorSource } from '../strategy/indicator-feeds.ts';

/**
 * An indicator computed over a dataset's rows [from, end) by its own streaming instance, so its
 * numbers are the ones a run that starts feeding at `from` gets. Recursive indicators (EMA, RSI,
 * ATR) depend on where they were seeded, so `from` is part of the series' identity.
 */
interface ComputedSeries {
  from: number;
  /** First row with a value; the feed gave null before it (warm-up) and a value on every row after. */
  readyAt: number;
  /** One column per output, row i at index i − from. */
  columns: Float64Array[];
}

/** Values a dataset's cache keeps (64 MB of float64, 80 columns of 100k candles) before it drops the least recently used series. */
const DEFAULT_MAX_CACHED_VALUES = 8 * 1024 * 1024;

export class SharedSeriesError extends Error {
  override name = 'SharedSeriesError';
}

/**
 * Indicator series of one dataset, each computed once (per indicator use and feed start) and read
 * by candle index by every strategy that opens it: the source `backtestMany` binds its candidates
 * to. A feed finds its row from the first candle it is given and then checks every later candle
 * against the dataset, so a run fed other candles fails instead of reading misaligned values.
 */
export class DatasetIndicators implements IndicatorSource {
  private readonly cache = new Map<string, ComputedSeries>();
  private cachedValues = 0;
  /** Series computed so far: how many distinct series the candidates needed (tests and the bench read it). */
  computedSeries = 0;

  /** `end`: rows past it are never read (a batch over a window computes only that far). */
  constructor(
    readonly cols: CandleColumns,
    readonly end = cols.length,
    private readonly maxCachedValues = DEFAULT_MAX_CACHED_VALUES,
  ) {
    if (!(Number.isInteger(end) && end >= 0 && end <= cols.length)) throw new RangeError(`end ${end} is outside the dataset's ${cols.length} rows`);
  }

  open(spec: FeedSpec): IndicatorFeed {
    return new SharedSeriesFeed(this, spec);
  }

  /** Row of the candle opening at `openTime`; the dataset is ascending (assertValidColumns). */
  rowOf(openTime: number): number {
    const times = this.cols.openTime;
    let lo = 0;
    let hi = this.end - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const t = times[mid]!;
      if (t === openTime) return mid;
      if (t < openTime) lo = mid + 1;
      else hi = mid - 1;
    }
    throw new SharedSeriesError(`candle ${openTime} is not in rows [0, ${this.end}) of this dataset; a shared series reads only the candles it was computed from`);
  }

  series(spec: FeedSpec, from: number): ComputedSeries {
    const key = `${canonicalJson(spec.use)}@${from}`;
    const hit = this.cache.get(key);
    if (hit) {
      // Re-inserted so the Map's order stays least recently used first.
      this.cache.delete(key);
      this.cache.set(key, hit);
      return hit;
    }
    const series = computeSeries(this.cols, this.end, spec, from);
    this.computedSeries++;
    const size = series.columns.length * (this.end - from);
    for (const [oldKey, old] of this.cache) {
      if (this.cachedValues + size <= this.maxCachedValues) break;
      this.cache.delete(oldKey);
      this.cachedValues -= old.columns.length * (this.end - old.from);
    }
    if (size <= this.maxCachedValues) {
      this.cache.set(key, series);
      this.cachedValues += size;
    }
    return series;
  }
}

function computeSeries(cols: CandleColumns, end: number, spec: FeedSpec, from: number): ComputedSeries {
  const feed = spec.stream();
  const { outputs } = spec;
  const columns = outputs.map(() => new Float64Array(end - from));
  let readyAt = end;
  const candle: OhlcvCandle = { openTime: 0, open: 0, high: 0, low: 0, close: 0, volume: 0 };
  for (let i = from; i < end; i++) {
    candle.openTime = cols.openTime[i]!;
    candle.open = cols.open[i]!;
    candle.high = cols.high[i]!;
    candle.low = cols.low[i]!;
    candle.close = cols.close[i]!;
    candle.volume = cols.volume[i]!;
    const values = feed.next(candle);
    if (values === null) {
      if (readyAt < i) throw new SharedSeriesError(`${canonicalJson(spec.use)} gave no value at row ${i} after warming up; a shared series cannot hold that gap`);
      continue;
    }
    if (readyAt > i) readyAt = i;
    for (let k = 0; k < outputs.length; k++) columns[k]![i - from] = values[outputs[k]!]!;
  }
  return { from, readyAt, columns };
}

/** One candle's values of a shared series: the columns at the current row. */
interface RowValues {
  columns: Float64Array[];
  at: number;
}

const rowValueClasses = new Map<string, new () => RowValues>();

/**
 * A class whose getters read each output at the current row, one class per output list: every
 * values object of, say, an EMA then has the same shape, so a strategy's `ema.value` stays a
 * monomorphic, inlinable read, and stepping a row stores one number however many outputs there are.
 */
function rowValuesClass(outputs: readonly string[]): new () => RowValues {
  const key = outputs.join(',');
  let RowValuesOf = rowValueClasses.get(key);
  if (!RowValuesOf) {
    RowValuesOf = class implements RowValues {
      columns: Float64Array[] = [];
      at = 0;
    };
    outputs.forEach((output, k) => {
      Object.defineProperty(RowValuesOf!.prototype, output, {
        enumerable: true,
        get(this: RowValues) {
          return this.columns[k]![this.at];
        },
      });
    });
    rowValueClasses.set(key, RowValuesOf);
  }
  return RowValuesOf;
}

/** A strategy's view of one shared series: `next` checks the candle is the next row and moves to it. */
class SharedSeriesFeed implements IndicatorFeed {
  private series: ComputedSeries | null = null;
  private readonly openTime: Float64Array;
  private readonly close: Float64Array;
  private readonly end: number;
  /** Next row to read. */
  private row = 0;
  private readonly values: RowValues;

  constructor(
    private readonly owner: DatasetIndicators,
    private readonly spec: FeedSpec,
  ) {
    ({ openTime: this.openTime, close: this.close } = owner.cols);
    this.end = owner.end;
    this.values = new (rowValuesClass(spec.outputs))();
  }

  next(candle: OhlcvCandle): FeedValues | null {
    let series = this.series;
    let row = this.row;
    if (series === null) {
      row = this.owner.rowOf(candle.openTime);
      series = this.series = this.owner.series(this.spec, row);
      this.values.columns = series.columns;
    } else if (row >= this.end || this.openTime[row] !== candle.openTime || this.close[row] !== candle.close) {
      throw new SharedSeriesError(`candle ${candle.openTime} is not row ${row} of the dataset (of ${this.end} served); a shared series is read one candle after another`);
    }
    this.row = row + 1;
    if (row < series.readyAt) return null;
    this.values.at = row - series.from;
    return this.values as unknown as FeedValues;
  }
}
