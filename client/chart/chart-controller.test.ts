import { describe, expect, it } from 'vitest';
import type { Candle } from '../../shared/market/index.ts';
import { ChartController } from './chart-controller.ts';

const M = 60_000;
const candle = (minute: number, close = 100): Candle => ({ openTime: minute * M, open: 99, high: 101, low: 98, close, volume: 2, turnover: 200 });
const times = (controller: ChartController) => controller.getCandles().map((c) => c.openTime / M);

describe('ChartController history merge', () => {
  it('fills a hole in order and tells the indicator layer', () => {
    const controller = new ChartController();
    controller.reset([candle(0), candle(1), candle(2)], '1m');
    controller.applyLive(candle(6));
    let changes = 0;
    controller.onHistoryChanged(() => changes++);

    controller.mergeHistory([candle(2, 105), candle(3), candle(4), candle(5)]);
    expect(times(controller)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    // The fetched close of the held bar replaces its stale forming values.
    expect(controller.getCandles()[2]?.close).toBe(105);
    expect(changes).toBe(1);
  });

  it('stays quiet when the fetch brings nothing new', () => {
    const controller = new ChartController();
    controller.reset([candle(0), candle(1)], '1m');
    let changes = 0;
    controller.onHistoryChanged(() => changes++);
    controller.mergeHistory([candle(1)]);
    controller.mergeHistory([]);
    expect(changes).toBe(0);
  });

  it('keeps applyLive for the forming bar after a merge', () => {
    const controller = new ChartController();
    controller.reset([candle(0)], '1m');
    controller.mergeHistory([candle(1), candle(2)]);
    controller.applyLive(candle(2, 110));
    controller.applyLive(candle(3));
    controller.applyLive(candle(1, 1));
    expect(times(controller)).toEqual([0, 1, 2, 3]);
    expect(controller.getCandles()[2]?.close).toBe(110);
    expect(controller.getCandles()[1]?.close).toBe(100);
  });
});
