import type { Interval } from '../../shared/market/interval.ts';
import type { Candle, MarketSymbol, Ticker, UpstreamStatus } from '../../shared/market/index.ts';
import {
  UnknownSymbolError,
  UpstreamUnavailableError,
  type MarketGateway,
  type OrderBook,
  type RefusedTopic,
  type UpstreamEvent,
  type UpstreamMarketStream,
  type UpstreamTopic,
} from './gateway.ts';
import { shareUpstream, type UpstreamFeed } from './upstream-ownership.ts';

/**
 * Test double for unit tests of the relay's own logic (cache, routes, hub) without an exchange.
 * Integration tests use the real Bybit gateway against the stand-in instead.
 */
export class InMemoryMarketGateway implements MarketGateway {
  offline = false;
  readonly calls: string[] = [];
  readonly stream = new InMemoryUpstreamStream();
  private readonly shared = shareUpstream(this.stream);

  constructor(
    private readonly symbols: MarketSymbol[],
    private readonly candleSource: (symbol: string, interval: Interval, from: number, to: number) => Candle[] = () => [],
  ) {}

  async listSymbols(): Promise<MarketSymbol[]> {
    this.record('listSymbols');
    return this.symbols;
  }

  async getTickers(symbols: string[]): Promise<Ticker[]> {
    this.record(`getTickers:${symbols.join(',')}`);
    const wanted = symbols.length === 0 ? this.symbols.map((s) => s.symbol) : symbols;
    return wanted.map((symbol) => ({
      symbol,
      lastPrice: 100,
      change24hPct: 1,
      high24h: 110,
      low24h: 90,
      volume24h: 10,
      turnover24h: 1000,
      ts: 0,
    }));
  }

  /** One level a side at the tickers' last price, deep enough for any test order. */
  async getOrderBook(symbol: string): Promise<OrderBook> {
    this.record(`getOrderBook:${symbol}`);
    if (!this.symbols.some((s) => s.symbol === symbol)) throw new UnknownSymbolError(symbol);
    const level = { price: '100', size: '1000' };
    return { symbol, bids: [level], asks: [level], time: 0 };
  }

  async getCandles(symbol: string, interval: Interval, from: number, to: number): Promise<Candle[]> {
    this.record(`getCandles:${symbol}:${interval}:${from}:${to}`);
    if (!this.symbols.some((s) => s.symbol === symbol)) throw new UnknownSymbolError(symbol);
    return this.candleSource(symbol, interval, from, to);
  }

  openFeed(): UpstreamFeed {
    return this.shared.openFeed();
  }

  async probe(): Promise<void> {
    this.record('probe');
  }

  async close(): Promise<void> {}

  private record(call: string): void {
    if (this.offline) throw new UpstreamUnavailableError('exchange unreachable (test double offline)');
    this.calls.push(call);
  }
}

export class InMemoryUpstreamStream implements UpstreamMarketStream {
  readonly subscribeCalls: UpstreamTopic[][] = [];
  readonly unsubscribeCalls: UpstreamTopic[][] = [];
  private readonly eventListeners = new Set<(event: UpstreamEvent) => void>();
  private readonly statusListeners = new Set<(status: UpstreamStatus) => void>();
  private readonly refusedListeners = new Set<(refused: RefusedTopic) => void>();
  private current: UpstreamStatus = { state: 'connected', lastError: null, nextRetryAt: null };

  subscribe(topics: UpstreamTopic[]): void {
    this.subscribeCalls.push(topics);
  }

  unsubscribe(topics: UpstreamTopic[]): void {
    this.unsubscribeCalls.push(topics);
  }

  onEvent(listener: (event: UpstreamEvent) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  onStatus(listener: (status: UpstreamStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  onRefused(listener: (refused: RefusedTopic) => void): () => void {
    this.refusedListeners.add(listener);
    return () => this.refusedListeners.delete(listener);
  }

  /** As the exchange does with a topic it does not know. */
  refuse(refused: RefusedTopic): void {
    this.refusedListeners.forEach((listener) => listener(refused));
  }

  status(): UpstreamStatus {
    return this.current;
  }

  emit(event: UpstreamEvent): void {
    this.eventListeners.forEach((listener) => listener(event));
  }

  setStatus(status: UpstreamStatus): void {
    this.current = status;
    this.statusListeners.forEach((listener) => listener(status));
  }
}
