import { trace, type Tracer } from '@opentelemetry/api';
import { inSpan } from '../observability/spans.ts';
import { candleOpenTime, type Interval } from '../../shared/market/interval.ts';
import type { Candle, MarketSymbol, Ticker, UpstreamStatus } from '../../shared/market/index.ts';
import { UnknownSymbolError, UpstreamUnavailableError, type MarketGateway } from './gateway.ts';
import type { BackoffPolicy } from '../../shared/net/backoff.ts';
import { RestHealth } from './rest-health.ts';
import { TtlCache } from './ttl-cache.ts';

const SYMBOLS_TTL_MS = 60_000;
const TICKERS_TTL_MS = 1_000;
/** Closed candles never change; the bound only keeps memory small. */
const CLOSED_CANDLES_TTL_MS = 10 * 60_000;
const FORMING_CANDLES_TTL_MS = 1_000;
/**
 * Bound on the serialized size of cached candle ranges. The parsed arrays take about as much
 * again and the route keeps one serialized body per entry, so 16 MB here is ~35 MB live; V8's
 * heap headroom multiplies whatever is live, which is why the bound is this small.
 */
const MAX_CACHED_CANDLE_BYTES = 16 * 1024 * 1024;

export interface MarketServiceOptions {
  now?: () => number;
  /** How long the symbol list is trusted before it is fetched again (default 60 s). */
  symbolsTtlMs?: number;
  restRetryBackoff?: BackoffPolicy;
  /** See RestHealthOptions.idleProbeMs. */
  restIdleProbeMs?: number;
  maxCachedCandleBytes?: number;
  /** Each load from the exchange (a cache miss) is a job span; the REST attempts it makes are its children. */
  tracer?: Tracer;
}

const ZERO_CANDLE: Candle = { openTime: 0, open: 0, high: 0, low: 0, close: 0, volume: 0, turnover: 0 };
const CANDLE_FIELDS = Object.keys(ZERO_CANDLE) as Array<keyof Candle>;
/** Braces, quoted keys, colons and commas of one serialized candle: everything but the values. */
const CANDLE_FRAME_BYTES = JSON.stringify(ZERO_CANDLE).length - CANDLE_FIELDS.length;

/**
 * The length JSON.stringify gives a candle array (its values are ASCII numbers), counted without
 * building the multi-megabyte string, which would itself be garbage the size of the entry.
 */
export function serializedCandleBytes(candles: Candle[]): number {
  let bytes = 2 + Math.max(0, candles.length - 1);
  for (const candle of candles) {
    bytes += CANDLE_FRAME_BYTES;
    for (const field of CANDLE_FIELDS) bytes += String(candle[field]).length;
  }
  return bytes;
}

/**
 * The relay's read side over a MarketGateway: caches hot reads, coalesces identical concurrent
 * requests and records REST reachability for /status.
 */
export class MarketService {
  readonly restHealth: RestHealth;
  private readonly symbolsCache: TtlCache<MarketSymbol[]>;
  private readonly tickersCache: TtlCache<Ticker[]>;
  private readonly candlesCache: TtlCache<Candle[]>;
  private readonly now: () => number;
  private readonly symbolsTtlMs: number;
  private readonly tracer: Tracer;
  /** The last list the exchange gave, kept past its TTL so an outage cannot make every symbol unknowable. */
  private lastKnownSymbols: Set<string> | null = null;

  constructor(
    private readonly gateway: MarketGateway,
    options: MarketServiceOptions = {},
  ) {
    const now = (this.now = options.now ?? Date.now);
    this.tracer = options.tracer ?? trace.getTracer('relay');
    this.symbolsCache = new TtlCache({ maxWeight: 1, now });
    this.tickersCache = new TtlCache({ maxWeight: 64, now });
    this.symbolsTtlMs = options.symbolsTtlMs ?? SYMBOLS_TTL_MS;
    this.candlesCache = new TtlCache({
      maxWeight: options.maxCachedCandleBytes ?? MAX_CACHED_CANDLE_BYTES,
      // A range above a quarter of the cache (~21k one-minute candles by default) is a one-off
      // backfill the browser keeps in IndexedDB; keeping it would only flush the hot chart ranges.
      maxEntryWeight: (options.maxCachedCandleBytes ?? MAX_CACHED_CANDLE_BYTES) / 4,
      weigh: serializedCandleBytes,
      now,
    });
    this.restHealth = new RestHealth({
      // The cheapest call that always goes out (no cache on either side): Bybit's server time.
      probe: () => gateway.probe(),
      ...(options.restRetryBackoff ? { retryBackoff: options.restRetryBackoff } : {}),
      ...(options.restIdleProbeMs ? { idleProbeMs: options.restIdleProbeMs } : {}),
      now: this.now,
    });
  }

  start(): void {
    this.restHealth.start();
  }

  close(): void {
    this.restHealth.close();
  }

  restStatus(): UpstreamStatus {
    return this.restHealth.status();
  }

  listSymbols(): Promise<MarketSymbol[]> {
    return this.symbolsCache.getOrLoad('all', this.symbolsTtlMs, async () => {
      const symbols = await this.tracked('symbols', {}, () => this.gateway.listSymbols());
      this.lastKnownSymbols = new Set(symbols.map((s) => s.symbol));
      return symbols;
    });
  }

  /**
   * Throws UnknownSymbolError naming the first symbol the exchange does not list. While the
   * exchange is unreachable the last list it gave decides; with no list ever fetched this
   * rejects with UpstreamUnavailableError, so nothing unchecked reaches the exchange.
   */
  async assertKnownSymbols(symbols: string[]): Promise<void> {
    const known = await this.knownSymbols();
    const unknown = symbols.find((s) => !known.has(s));
    if (unknown !== undefined) throw new UnknownSymbolError(unknown);
  }

  private async knownSymbols(): Promise<Set<string>> {
    // Known unreachable: asking again would only make the request behind this check wait out a
    // second timeout before its own 503.
    if (this.lastKnownSymbols && this.restHealth.status().state === 'reconnecting') return this.lastKnownSymbols;
    try {
      return new Set((await this.listSymbols()).map((s) => s.symbol));
    } catch (err) {
      if (!(err instanceof UpstreamUnavailableError) || !this.lastKnownSymbols) throw err;
      return this.lastKnownSymbols;
    }
  }

  getTickers(symbols: string[]): Promise<Ticker[]> {
    const key = [...symbols].sort().join(',');
    return this.tickersCache.getOrLoad(key, TICKERS_TTL_MS, () =>
      this.tracked('tickers', { 'relay.symbols': key }, () => this.gateway.getTickers(symbols)),
    );
  }

  /** `from`/`to` should be aligned to candle open times so equal ranges share one cache key. */
  getCandles(symbol: string, interval: Interval, from: number, to: number): Promise<Candle[]> {
    const formingOpenTime = candleOpenTime(this.now(), interval);
    const ttl = to < formingOpenTime ? CLOSED_CANDLES_TTL_MS : FORMING_CANDLES_TTL_MS;
    return this.candlesCache.getOrLoad(`${symbol}|${interval}|${from}|${to}`, ttl, () =>
      this.tracked('candles', { 'relay.symbol': symbol, 'relay.interval': interval, 'relay.from': from, 'relay.to': to }, () =>
        this.gateway.getCandles(symbol, interval, from, to),
      ),
    );
  }

  /** Any answer from the exchange, even "unknown symbol", proves it is reachable. */
  private async tracked<T>(what: string, attributes: Record<string, string | number>, call: () => Promise<T>): Promise<T> {
    try {
      const result = await inSpan(this.tracer, `market.load ${what}`, { attributes }, call);
      this.restHealth.reportSuccess();
      return result;
    } catch (err) {
      if (err instanceof UpstreamUnavailableError) this.restHealth.reportFailure(err);
      else if (err instanceof UnknownSymbolError) this.restHealth.reportSuccess();
      throw err;
    }
  }
}
