import { describe, expect, it } from 'vitest';
import type { MarketEvent, StreamTopic } from '../../shared/market/index.ts';
import { InMemoryMarketGateway } from './in-memory-market-gateway.ts';
import { testSymbol } from './test-symbols.ts';

const btc: StreamTopic = { kind: 'ticker', symbol: 'BTCUSDT' };
const eth: StreamTopic = { kind: 'ticker', symbol: 'ETHUSDT' };
const tick = (symbol: string): MarketEvent => ({
  type: 'ticker',
  ticker: { symbol, lastPrice: 1, change24hPct: 0, high24h: 1, low24h: 1, volume24h: 1, turnover24h: 1, ts: 1 },
});

describe('upstream topic ownership across feeds', () => {
  it('keeps a topic subscribed upstream while any feed holds it', () => {
    const gateway = new InMemoryMarketGateway([testSymbol('BTCUSDT', 'BTC')]);
    const browsers = gateway.openFeed();
    const runner = gateway.openFeed();
    browsers.subscribe([btc, eth]);
    runner.subscribe([btc, btc]);
    expect(gateway.stream.subscribeCalls).toEqual([[btc, eth]]);

    browsers.unsubscribe([btc, eth]);
    expect(gateway.stream.unsubscribeCalls).toEqual([[eth]]);
    runner.release();
    expect(gateway.stream.unsubscribeCalls).toEqual([[eth], [btc]]);
    expect(() => runner.subscribe([btc])).toThrow('released');
  });

  it("gives each feed only its own topics' events", () => {
    const gateway = new InMemoryMarketGateway([]);
    const a = gateway.openFeed();
    const b = gateway.openFeed();
    const seenA: string[] = [];
    const seenB: string[] = [];
    a.onEvent((e) => e.type === 'ticker' && seenA.push(e.ticker.symbol));
    b.onEvent((e) => e.type === 'ticker' && seenB.push(e.ticker.symbol));
    a.subscribe([btc]);
    b.subscribe([eth]);
    gateway.stream.emit(tick('BTCUSDT'));
    gateway.stream.emit(tick('ETHUSDT'));
    b.release();
    gateway.stream.emit(tick('ETHUSDT'));
    expect(seenA).toEqual(['BTCUSDT']);
    expect(seenB).toEqual(['ETHUSDT']);
  });
});
