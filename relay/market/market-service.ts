import { candleOpenTime, type Interval } from '../../shared/market/interval.ts';
import type { Candle, MarketSymbol, Ticker, UpstreamStatus } from '../../shared/market/index.ts';
import { UnknownSymbolError, UpstreamUnavailableError, type MarketGateway } from './gateway.ts';
import { RestHealth } from './rest-health.ts';
import { TtlCache } from './ttl-cache.ts';

const SYMBOLS_TTL_MS = 60_000;
const TICKERS_TTL_MS = 1_000;
/** Closed candles never change; the bound only keeps memory small. */
const CLOSED_CANDLES_TTL_MS = 10 * 60_000;
const FORMING_CANDLES_TTL_MS = 1_000;
const MAX_CACHED_CANDLES = 500_000;

export interface MarketServiceOptions {
  now?: () => number;
  restRetryInitialMs?: number;
  restRetryMaxMs?: number;
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

  constructor(
    private readonly gateway: MarketGateway,
    options: MarketServiceOptions = {},
  ) {
    const now = (this.now = options.now ?? Date.now);
    this.symbolsCache = new TtlCache({ maxWeight: 1, now });
    this.tickersCache = new TtlCache({ maxWeight: 64, now });
    this.candlesCache = new TtlCache({ maxWeight: MAX_CACHED_CANDLES, weigh: (c) => Math.max(1, c.length), now });
    this.restHealth = new RestHealth({
      probe: () => this.probeExchange(),
      initialRetryMs: options.restRetryInitialMs,
      maxRetryMs: options.restRetryMaxMs,
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
    return this.symbolsCache.getOrLoad('all', SYMBOLS_TTL_MS, () => this.tracked(() => this.gateway.listSymbols()));
  }

  /** Throws UnknownSymbolError naming the first symbol the exchange does not list. */
  async assertKnownSymbols(symbols: string[]): Promise<void> {
    const known = new Set((await this.listSymbols()).map((s) => s.symbol));
    const unknown = symbols.find((s) => !known.has(s));
    if (unknown !== undefined) throw new UnknownSymbolError(unknown);
  }

  getTickers(symbols: string[]): Promise<Ticker[]> {
    const key = [...symbols].sort().join(',');
    return this.tickersCache.getOrLoad(key, TICKERS_TTL_MS, () => this.tracked(() => this.gateway.getTickers(symbols)));
  }

  /** `from`/`to` should be aligned to candle open times so equal ranges share one cache key. */
  getCandles(symbol: string, interval: Interval, from: number, to: number): Promise<Candle[]> {
    const formingOpenTime = candleOpenTime(this.now(), interval);
    const ttl = to < formingOpenTime ? CLOSED_CANDLES_TTL_MS : FORMING_CANDLES_TTL_MS;
    return this.candlesCache.getOrLoad(`${symbol}|${interval}|${from}|${to}`, ttl, () =>
      this.tracked(() => this.gateway.getCandles(symbol, interval, from, to)),
    );
  }

  /**
   * The gateway may serve the symbol list from its own cache, which proves nothing about a dead
   * exchange, so the probe also fetches one ticker: a small request that always goes out.
   */
  private async probeExchange(): Promise<void> {
    const [first] = await this.gateway.listSymbols();
    if (first) await this.gateway.getTickers([first.symbol]);
  }

  /** Any answer from the exchange, even "unknown symbol", proves it is reachable. */
  private async tracked<T>(call: () => Promise<T>): Promise<T> {
    try {
      const result = await call();
      this.restHealth.reportSuccess();
      return result;
    } catch (err) {
      if (err instanceof UpstreamUnavailableError) this.restHealth.reportFailure(err);
      else if (err instanceof UnknownSymbolError) this.restHealth.reportSuccess();
      throw err;
    }
  }
}
