import { describe, expect, it } from 'vitest';
import type { StreamTopic } from '../../shared/market/index.ts';
import { SubscriptionRegistry } from './subscription-registry.ts';

const btc: StreamTopic = { kind: 'ticker', symbol: 'BTCUSDT' };
const eth: StreamTopic = { kind: 'ticker', symbol: 'ETHUSDT' };
const btc1m: StreamTopic = { kind: 'kline', symbol: 'BTCUSDT', interval: '1m' };
const btc5m: StreamTopic = { kind: 'kline', symbol: 'BTCUSDT', interval: '5m' };

describe('SubscriptionRegistry', () => {
  it('starts an upstream topic only for its first subscriber', () => {
    const registry = new SubscriptionRegistry<string>();
    expect(registry.subscribe('tab1', [btc, btc1m])).toEqual([btc, btc1m]);
    expect(registry.subscribe('tab2', [btc, btc5m])).toEqual([btc5m]);
    expect(registry.subscribe('tab1', [btc])).toEqual([]);
    expect([...(registry.subscribersOf('ticker:BTCUSDT') ?? [])]).toEqual(['tab1', 'tab2']);
  });

  it('keeps one upstream subscription for a hundred tabs and stops it with the last', () => {
    const registry = new SubscriptionRegistry<number>();
    const started = Array.from({ length: 100 }, (_, tab) => registry.subscribe(tab, [btc])).flat();
    expect(started).toEqual([btc]);
    const stopped = Array.from({ length: 100 }, (_, tab) => registry.unsubscribe(tab, [btc])).flat();
    expect(stopped).toEqual([btc]);
    expect(registry.activeTopics()).toEqual([]);
  });

  it('ignores unsubscribing a topic the client never had', () => {
    const registry = new SubscriptionRegistry<string>();
    registry.subscribe('tab1', [btc]);
    expect(registry.unsubscribe('tab2', [btc, eth])).toEqual([]);
    expect(registry.subscribersOf('ticker:BTCUSDT')?.size).toBe(1);
  });

  it('releases every topic of a closed client, stopping only those nobody else holds', () => {
    const registry = new SubscriptionRegistry<string>();
    registry.subscribe('tab1', [btc, eth, btc1m]);
    registry.subscribe('tab2', [eth]);
    expect(registry.removeClient('tab1')).toEqual([btc, btc1m]);
    expect(registry.activeTopics()).toEqual([eth]);
    expect(registry.topicsOf('tab1')).toEqual([]);
    expect(registry.removeClient('tab1')).toEqual([]);
  });

  it('tells kline intervals of one symbol apart', () => {
    const registry = new SubscriptionRegistry<string>();
    registry.subscribe('tab1', [btc1m]);
    registry.subscribe('tab2', [btc5m]);
    expect(registry.unsubscribe('tab1', [btc1m])).toEqual([btc1m]);
    expect(registry.subscribersOf('kline:BTCUSDT:5m')?.size).toBe(1);
  });
});

describe('SubscriptionRegistry.dropTopic', () => {
  it('forgets a refused topic for every client and names them', () => {
    const registry = new SubscriptionRegistry<string>();
    registry.subscribe('tab1', [btc, eth]);
    registry.subscribe('tab2', [btc]);
    expect(registry.dropTopic(btc)).toEqual(['tab1', 'tab2']);
    expect(registry.topicsOf('tab1')).toEqual(['ticker:ETHUSDT']);
    expect(registry.activeTopics()).toEqual([eth]);
    expect(registry.dropTopic(btc)).toEqual([]);
  });
});
