import type { BybitInterval } from '../market/kline-intervals.ts';
import type { SymbolMarket } from '../market/symbol-market.ts';
import { wsKlineItem } from '../market/wire-format.ts';

/**
 * The kline frames owed to a subscriber: every candle that closed since the one last pushed as
 * forming (confirm: true, oldest first), then the forming candle (confirm: false). `lastStart` null
 * means a fresh subscription, which gets only the forming candle.
 */
export function klinePushesSince(sym: SymbolMarket, interval: BybitInterval, lastStart: number | null, now: number) {
  const series = sym.candles(interval);
  const candles = series.candles;
  const formingIndex = candles.length - 1;
  const from = lastStart === null ? formingIndex : series.firstIndexAtOrAfter(lastStart);
  const topic = `kline.${interval}.${sym.symbol}`;
  const frames = [];
  for (let i = Math.max(0, from); i <= formingIndex; i++) {
    const confirm = i < formingIndex;
    frames.push({ topic, data: [wsKlineItem(sym.spec, interval, candles[i]!, confirm, now)], ts: now, type: 'snapshot' });
  }
  return { frames, lastStart: candles[formingIndex]?.start ?? lastStart };
}
