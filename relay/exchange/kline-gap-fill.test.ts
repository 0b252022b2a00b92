import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { Candle, MarketEvent } from '../../shared/market/index.ts';
import { InMemoryUpstreamStream } from '../market/in-memory-market-gateway.ts';
import { withKlineGapFill } from './kline-gap-fill.ts';

const MINUTE = 60_000;
const candle = (openTime: number): Candle => ({ openTime, open: 1, high: 2, low: 0.5, close: 1.5, volume: 1, turnover: 1 });
const kline = (openTime: number, closed: boolean): MarketEvent => ({
  type: 'kline',
  symbol: 'BTCUSDT',
  interval: '1m',
  candle: candle(openTime),
  closed,
});

function setup() {
  const inner = new InMemoryUpstreamStream();
  const fetches: Array<[number, number]> = [];
  let release: () => void = () => {};
  const stream = withKlineGapFill(inner, {
    logger: pino({ level: 'silent' }),
    fetchCandles: async (_symbol, _interval, from, to) => {
      fetches.push([from, to]);
      await new Promise<void>((resolve) => (release = resolve));
      const candles = [];
      for (let t = from; t <= to; t += MINUTE) candles.push(candle(t));
      return candles;
    },
  });
  const seen: string[] = [];
  stream.onEvent((e) => e.type === 'kline' && seen.push(`${e.candle.openTime / MINUTE}${e.closed ? ' closed' : ''}`));
  stream.subscribe([{ kind: 'kline', symbol: 'BTCUSDT', interval: '1m' }]);
  return { inner, stream, fetches, seen, release: () => release() };
}

describe('withKlineGapFill', () => {
  it('emits every candle that closed during an outage once, in order, ahead of the live pushes', async () => {
    const { inner, fetches, seen, release } = setup();
    inner.emit(kline(10 * MINUTE, false));
    inner.emit(kline(10 * MINUTE, true));
    inner.emit(kline(11 * MINUTE, false));
    inner.setStatus({ state: 'reconnecting', lastError: 'connection lost', nextRetryAt: 1 });
    inner.setStatus({ state: 'connected', lastError: null, nextRetryAt: null });

    // After the reconnect the exchange is at minute 15; live pushes keep arriving during the fetch,
    // including a repeat of a candle the fetch also returns.
    inner.emit(kline(15 * MINUTE, false));
    inner.emit(kline(14 * MINUTE, true));
    inner.emit(kline(15 * MINUTE, true));
    inner.emit(kline(16 * MINUTE, false));
    expect(fetches).toEqual([[11 * MINUTE, 14 * MINUTE]]);
    expect(seen).toEqual(['10', '10 closed', '11']);
    release();
    await new Promise((resolve) => setTimeout(resolve, 0));

    expect(seen).toEqual(['10', '10 closed', '11', '11 closed', '12 closed', '13 closed', '14 closed', '15', '15 closed', '16']);
  });

  it('fetches nothing when no candle closed while the connection was down', () => {
    const { inner, fetches, seen } = setup();
    inner.emit(kline(10 * MINUTE, false));
    inner.setStatus({ state: 'reconnecting', lastError: 'connection lost', nextRetryAt: 1 });
    inner.setStatus({ state: 'connected', lastError: null, nextRetryAt: null });
    inner.emit(kline(10 * MINUTE, false));
    inner.emit(kline(10 * MINUTE, true));
    expect(fetches).toEqual([]);
    expect(seen).toEqual(['10', '10', '10 closed']);
  });

  it('drops a topic unsubscribed while its gap was being fetched', async () => {
    const { inner, stream, seen, release } = setup();
    inner.emit(kline(10 * MINUTE, true));
    inner.setStatus({ state: 'reconnecting', lastError: 'x', nextRetryAt: 1 });
    inner.emit(kline(13 * MINUTE, false));
    stream.unsubscribe([{ kind: 'kline', symbol: 'BTCUSDT', interval: '1m' }]);
    release();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(seen).toEqual(['10 closed']);
  });
});
