import { afterEach, describe, expect, it, vi } from 'vitest';
import { UnknownSymbolError, UpstreamUnavailableError } from './gateway.ts';
import { InMemoryMarketGateway } from './in-memory-market-gateway.ts';
import { MarketService } from './market-service.ts';
import { testSymbol } from './test-symbols.ts';

const MINUTE = 60_000;

describe('MarketService', () => {
  let service: MarketService | undefined;
  afterEach(() => service?.close());

  function setup(now: () => number) {
    const gateway = new InMemoryMarketGateway([testSymbol('BTCUSDT', 'BTC')]);
    service = new MarketService(gateway, { now });
    return { gateway, service };
  }

  it('keeps a closed candle range cached long but re-fetches a range touching the forming candle', async () => {
    let clock = 100 * MINUTE + 30_000;
    const { gateway, service } = setup(() => clock);
    const closedTo = 99 * MINUTE;
    const formingTo = 100 * MINUTE;

    await service.getCandles('BTCUSDT', '1m', 0, closedTo);
    await service.getCandles('BTCUSDT', '1m', 0, formingTo);
    clock += 5_000;
    await service.getCandles('BTCUSDT', '1m', 0, closedTo);
    await service.getCandles('BTCUSDT', '1m', 0, formingTo);

    expect(gateway.calls).toEqual([
      `getCandles:BTCUSDT:1m:0:${closedTo}`,
      `getCandles:BTCUSDT:1m:0:${formingTo}`,
      `getCandles:BTCUSDT:1m:0:${formingTo}`,
    ]);
  });

  it('shares one ticker fetch for the same symbol set in any order within a second', async () => {
    const { gateway, service } = setup(Date.now);
    await Promise.all([service.getTickers(['BTCUSDT', 'ETHUSDT']), service.getTickers(['ETHUSDT', 'BTCUSDT'])]);
    expect(gateway.calls).toEqual(['getTickers:BTCUSDT,ETHUSDT']);
  });

  it('marks REST reconnecting on an unreachable exchange and connected once it answers', async () => {
    const { gateway, service } = setup(Date.now);
    gateway.offline = true;
    await expect(service.getTickers([])).rejects.toBeInstanceOf(UpstreamUnavailableError);
    expect(service.restStatus()).toMatchObject({ state: 'reconnecting', lastError: expect.stringContaining('offline') });
    gateway.offline = false;
    await service.getTickers([]);
    expect(service.restStatus()).toEqual({ state: 'connected', lastError: null, nextRetryAt: null });
  });

  it('names the unknown symbol', async () => {
    const { service } = setup(Date.now);
    await expect(service.assertKnownSymbols(['BTCUSDT', 'NOPEUSDT'])).rejects.toEqual(new UnknownSymbolError('NOPEUSDT'));
    await expect(service.assertKnownSymbols(['BTCUSDT'])).resolves.toBeUndefined();
  });

  it('judges symbols by the last list the exchange gave while it is unreachable, and never unchecked', async () => {
    let clock = 0;
    const gateway = new InMemoryMarketGateway([testSymbol('BTCUSDT', 'BTC')]);
    service = new MarketService(gateway, { now: () => clock, symbolsTtlMs: 1_000 });
    gateway.offline = true;
    await expect(service.assertKnownSymbols(['BTCUSDT'])).rejects.toBeInstanceOf(UpstreamUnavailableError);
    gateway.offline = false;
    await service.assertKnownSymbols(['BTCUSDT']);
    gateway.offline = true;
    clock += 60_000; // the list expired long ago
    const asked = vi.spyOn(gateway, 'listSymbols');
    await expect(service.assertKnownSymbols(['BTCUSDT'])).resolves.toBeUndefined();
    expect(asked).toHaveBeenCalledTimes(1);
    // Now known to be unreachable: the check answers at once instead of waiting out another timeout.
    await expect(service.assertKnownSymbols(['NOPEUSDT'])).rejects.toEqual(new UnknownSymbolError('NOPEUSDT'));
    expect(asked).toHaveBeenCalledTimes(1);
  });

  it('keeps hot chart ranges but not a one-off backfill that would flush them', async () => {
    const clock = 100_000 * MINUTE;
    const gateway = new InMemoryMarketGateway([testSymbol('BTCUSDT', 'BTC')], (_s, _i, from, to) => {
      const candles = [];
      for (let t = from; t <= to; t += MINUTE) candles.push({ openTime: t, open: 1.5, high: 2.25, low: 1.125, close: 2, volume: 3.5, turnover: 7 });
      return candles;
    });
    service = new MarketService(gateway, { now: () => clock, maxCachedCandleBytes: 4 * 1024 * 1024 });
    const backfill = [0, 49_999 * MINUTE] as const;
    const chart = [90_000 * MINUTE, 90_999 * MINUTE] as const;
    for (let i = 0; i < 2; i++) {
      await service.getCandles('BTCUSDT', '1m', ...chart);
      await service.getCandles('BTCUSDT', '1m', ...backfill);
    }
    expect(gateway.calls.filter((c) => c.endsWith(`:${chart[1]}`))).toHaveLength(1);
    expect(gateway.calls.filter((c) => c.endsWith(`:${backfill[1]}`))).toHaveLength(2);
  });
});

