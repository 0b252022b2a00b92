import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { candleOpenTime } from '../../shared/market/interval.ts';
import { MarketSymbolSchema, TickerSchema, type UpstreamStatus } from '../../shared/market/index.ts';
import { UnknownSymbolError, UpstreamUnavailableError, type MarketGateway, type UpstreamEvent } from '../market/gateway.ts';
import { startBybitStandIn } from '../bybit-standin/index.ts';
import { createBybitGateway } from './bybit-gateway.ts';
import { nextValue as next } from './test-waits.ts';

/** The Bybit gateway against the project's Bybit v5 stand-in on loopback. */

const MINUTE = 60_000;
let sim: Awaited<ReturnType<typeof startBybitStandIn>>;
let gateway: MarketGateway;

beforeAll(async () => {
  sim = await startBybitStandIn({ port: 0, seed: 7, tickMs: 50 });
  gateway = createBybitGateway({
    restBaseUrl: sim.restUrl,
    wsPublicSpotUrl: sim.wsPublicSpotUrl,
    logger: pino({ level: 'silent' }),
    restTimeoutMs: 2_000,
    restRetries: 1,
    restRetryBackoff: { baseMs: 20, maxMs: 50 },
    pingIntervalMs: 1_000,
    pongTimeoutMs: 1_000,
    reconnectBackoff: { baseMs: 50, maxMs: 500 },
  });
});

afterAll(async () => {
  await gateway?.close();
  await sim?.close();
});


const firstSymbol = () => {
  const symbol = sim.symbols[0];
  if (!symbol) throw new Error('the stand-in lists no symbols');
  return symbol;
};

describe('Bybit gateway against the stand-in', () => {
  it('lists the simulated spot symbols as valid MarketSymbols', async () => {
    const symbols = await gateway.listSymbols();
    expect(symbols.map((s) => s.symbol).sort()).toEqual([...sim.symbols].sort());
    for (const symbol of symbols) expect(MarketSymbolSchema.parse(symbol).status).toBe('Trading');
    expect(await gateway.listSymbols()).toBe(symbols); // served from the TTL cache
  });

  it('reads all tickers and a single one', async () => {
    const all = await gateway.getTickers([]);
    expect(all.map((t) => t.symbol).sort()).toEqual([...sim.symbols].sort());
    const [one] = await gateway.getTickers([firstSymbol()]);
    expect(TickerSchema.parse(one).symbol).toBe(firstSymbol());
    expect(one!.lastPrice).toBeGreaterThan(0);
  });

  it("reads the stand-in's book through bybit-api, bids and asks best first around its ticker", async () => {
    const symbol = firstSymbol();
    const book = await gateway.getOrderBook(symbol, 50);
    const [ticker] = await gateway.getTickers([symbol]);
    expect(book.symbol).toBe(symbol);
    expect(book.bids.length).toBeGreaterThan(1);
    expect(book.asks.length).toBeGreaterThan(1);
    const bids = book.bids.map((l) => Number(l.price));
    const asks = book.asks.map((l) => Number(l.price));
    expect(bids).toEqual([...bids].sort((a, b) => b - a));
    expect(asks).toEqual([...asks].sort((a, b) => a - b));
    expect(bids[0]).toBeLessThan(asks[0]!);
    expect(String(bids[0])).toBe(String(Number(ticker!.bid1Price)));
    await expect(gateway.getOrderBook('NOSUCHUSDT', 50)).rejects.toBeInstanceOf(UnknownSymbolError);
  });

  it('pages 2500 one-minute candles ascending without gaps or duplicates', async () => {
    const to = candleOpenTime(Date.now(), '1m') - MINUTE;
    const from = to - 2499 * MINUTE;
    const candles = await gateway.getCandles(firstSymbol(), '1m', from, to);
    expect(candles).toHaveLength(2500);
    candles.forEach((candle, i) => {
      expect(candle.openTime).toBe(from + i * MINUTE);
      expect(candle.high).toBeGreaterThanOrEqual(Math.max(candle.open, candle.close));
      expect(candle.low).toBeLessThanOrEqual(Math.min(candle.open, candle.close));
    });
  });

  it('rejects an unknown symbol with UnknownSymbolError', async () => {
    const to = candleOpenTime(Date.now(), '1m');
    await expect(gateway.getCandles('NOSUCHUSDT', '1m', to - 10 * MINUTE, to)).rejects.toBeInstanceOf(UnknownSymbolError);
    await expect(gateway.getTickers(['NOSUCHUSDT'])).rejects.toBeInstanceOf(UnknownSymbolError);
  });

  it('streams live tickers and klines, and resumes them after the connection drops', async () => {
    const symbol = firstSymbol();
    const { stream } = gateway;
    const isTicker = (e: UpstreamEvent) => e.type === 'ticker' && e.ticker.symbol === symbol;
    const isKline = (e: UpstreamEvent) => e.type === 'kline' && e.symbol === symbol && e.interval === '1m';
    const firstTicker = next(stream.onEvent, isTicker);
    const firstKline = next(stream.onEvent, isKline);
    stream.subscribe([{ kind: 'ticker', symbol }, { kind: 'kline', symbol, interval: '1m' }]);
    stream.subscribe([{ kind: 'ticker', symbol }]);
    await Promise.all([firstTicker, firstKline]);
    expect(stream.status().state).toBe('connected');

    const reconnecting = next(stream.onStatus, (s: UpstreamStatus) => s.state === 'reconnecting');
    sim.dropConnections();
    expect((await reconnecting).nextRetryAt).not.toBeNull();
    await next(stream.onStatus, (s: UpstreamStatus) => s.state === 'connected');
    // Only a resubscribed connection carries pushes again.
    await Promise.all([next(stream.onEvent, isTicker), next(stream.onEvent, isKline)]);
  });

  it('keeps a healthy connection through many ping/pong rounds', async () => {
    const chatty = createBybitGateway({
      restBaseUrl: sim.restUrl,
      wsPublicSpotUrl: sim.wsPublicSpotUrl,
      logger: pino({ level: 'silent' }),
      pingIntervalMs: 100,
      pongTimeoutMs: 300,
    });
    try {
      const states: string[] = [];
      chatty.stream.onStatus((s) => states.push(s.state));
      await new Promise((resolve) => setTimeout(resolve, 1_200));
      // bybit-api matches the pong by the compact text `ret_msg":"pong`; a missed one would reconnect.
      expect(states).toEqual(['connected']);
    } finally {
      await chatty.close();
    }
  });

  it('fails fast with UpstreamUnavailableError while the stand-in is offline', async () => {
    sim.setOffline(true);
    try {
      const started = Date.now();
      await expect(gateway.getTickers([])).rejects.toBeInstanceOf(UpstreamUnavailableError);
      expect(Date.now() - started).toBeLessThan(3_000);
    } finally {
      sim.setOffline(false);
    }
    expect((await gateway.getTickers([firstSymbol()])).length).toBe(1);
  });
});
