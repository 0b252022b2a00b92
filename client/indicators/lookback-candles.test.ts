import { describe, expect, it } from 'vitest';
import { BTC_1M_FIXTURE, loadFixtureCandles } from '../../shared/indicators/fixture-candles.ts';
import { parseIndicatorSpec } from '../../shared/indicators/index.ts';
import type { Candle, Interval } from '../../shared/market/index.ts';
import { lookbackNote } from './indicator-layer-controller.ts';
import { LookbackCandles, type CandleRangeLoader } from './lookback-candles.ts';

const fixture: Candle[] = loadFixtureCandles(BTC_1M_FIXTURE)
  .slice(0, 5000)
  .map((c) => ({ ...c, turnover: c.close * c.volume }));
const at = (i: number) => fixture[i]!.openTime;

/** Serves the real candles like the cache would; `failing` ranges fail as if offline. */
function recordingLoader(failing = false) {
  const calls: [number, number][] = [];
  const load: CandleRangeLoader = async (_symbol: string, _interval: Interval, from: number, to: number) => {
    calls.push([from, to]);
    if (failing) return { candles: [], fetchError: new Error('relay unreachable') };
    return { candles: fixture.filter((c) => c.openTime >= from && c.openTime <= to), fetchError: null };
  };
  return { calls, load };
}

describe('look-back candles before the chart', () => {
  it('loads the range once and serves later, shorter or concurrent requests from memory', async () => {
    const { calls, load } = recordingLoader();
    const lookback = new LookbackCandles(load);
    const [wide, narrow] = await Promise.all([
      lookback.get('BTCUSDT', '1m', at(1000), at(4000)),
      lookback.get('BTCUSDT', '1m', at(3000), at(4000)),
    ]);
    expect(calls).toEqual([[at(1000), at(3999)]]);
    expect(wide).toEqual({ candles: fixture.slice(1000, 4000), problem: null });
    expect(narrow.candles).toEqual(fixture.slice(3000, 4000));
    // An indicator with a longer look-back fetches only what is older.
    const longer = await lookback.get('BTCUSDT', '1m', at(200), at(4000));
    expect(calls.at(-1)).toEqual([at(200), at(999)]);
    expect(longer.candles).toEqual(fixture.slice(200, 4000));
  });

  it('starts over for another market, and retries a range whose fetch failed', async () => {
    const failing = recordingLoader(true);
    const lookback = new LookbackCandles(failing.load);
    expect(await lookback.get('BTCUSDT', '1m', at(0), at(100))).toEqual({ candles: [], problem: 'relay unreachable' });
    await lookback.get('BTCUSDT', '1m', at(0), at(100));
    expect(failing.calls).toHaveLength(2);
    await lookback.get('ETHUSDT', '1m', at(0), at(100));
    expect(failing.calls).toHaveLength(3);
  });

  it('says why an indicator draws nothing or may be unsettled', () => {
    const ema1000 = parseIndicatorSpec({ name: 'ema', params: { period: 1000 } });
    expect(lookbackNote(ema1000, 499, { candles: [], problem: null })).toBe(
      'needs 1000 closed candles to start; only 499 exist',
    );
    expect(lookbackNote(ema1000, 499, { candles: [], problem: 'relay unreachable' })).toBe(
      'needs 1000 closed candles to start; 499 loaded — older ones could not be (relay unreachable)',
    );
    expect(lookbackNote(ema1000, 5000, { candles: [], problem: 'relay unreachable' })).toMatch(/first values may not be settled/);
    expect(lookbackNote(ema1000, 17_000, { candles: [], problem: null })).toBeNull();
  });
});
