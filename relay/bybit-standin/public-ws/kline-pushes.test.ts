import { describe, expect, it } from 'vitest';
import { SimMarket } from '../market/sim-market.ts';
import { klinePushesSince } from './kline-pushes.ts';

const MINUTE = 60_000;
const START = Date.UTC(2026, 10, 2, 10, 30, 58, 0); // 2 s before a minute closes

describe('klinePushesSince', () => {
  const market = new SimMarket({ startTime: START, seed: 2, tickMs: 500, syntheticSymbols: 1, realSymbols: [] });
  const sym = market.get('SIM01USDT')!;

  it('gives a fresh subscriber only the forming candle', () => {
    const { frames, lastStart } = klinePushesSince(sym, '1', null, START);
    expect(frames).toHaveLength(1);
    expect(frames[0]!.data[0]).toMatchObject({ start: START - 58_000, confirm: false });
    expect(lastStart).toBe(START - 58_000);
  });

  it('confirms the closed candle with its final values before pushing the new forming one', () => {
    const before = klinePushesSince(sym, '1', null, START).lastStart;
    market.advance(START + 3_000);
    const closedCandle = sym.candles('1').candles.at(-2)!;
    const { frames, lastStart } = klinePushesSince(sym, '1', before, START + 3_000);
    expect(frames.map((f) => [f.data[0]!.start, f.data[0]!.confirm])).toEqual([
      [START - 58_000, true],
      [START - 58_000 + MINUTE, false],
    ]);
    expect(frames[0]!.data[0]!.close).toBe(String(closedCandle.close));
    expect(frames[0]!.topic).toBe('kline.1.SIM01USDT');
    expect(lastStart).toBe(START - 58_000 + MINUTE);
  });
});
