import type { PriceFormatBuiltIn } from 'lightweight-charts';
import { tickDecimals } from '../market/format.ts';

/** Price axis, last-price label and crosshair of a candle series on the instrument's tick grid. */
export function tickPriceFormat(tickSize: string): PriceFormatBuiltIn {
  return { type: 'price', precision: tickDecimals(tickSize), minMove: Number(tickSize) };
}

/** Indicator panes never show fewer decimals than this (RSI 54.21, MACD on BTC 12.34). */
const MIN_RANGE_DECIMALS = 2;
/** Beyond this a value is noise on any spot instrument (tick sizes go down to 1e-8). */
const MAX_RANGE_DECIMALS = 12;
/** Digits kept below the leading digit of the pane's span, so the axis ticks read apart. */
const RANGE_DIGITS = 4;

/**
 * A pane of indicator values (MACD, ATR) is in price units of the instrument or unitless, so its
 * decimals follow the span of the values it shows: MACD on XRPETH (~1e-6) needs 9, RSI needs 2.
 */
export function rangePriceFormat(columns: Iterable<ArrayLike<number>>): PriceFormatBuiltIn {
  let min = Infinity;
  let max = -Infinity;
  for (const column of columns) {
    for (let i = 0; i < column.length; i++) {
      const v = column[i]!;
      if (!Number.isFinite(v)) continue;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  const span = max - min > 0 ? max - min : Math.max(Math.abs(min), Math.abs(max));
  const wanted = Number.isFinite(span) && span > 0 ? RANGE_DIGITS - Math.floor(Math.log10(span)) - 1 : MIN_RANGE_DECIMALS;
  const precision = Math.min(MAX_RANGE_DECIMALS, Math.max(MIN_RANGE_DECIMALS, wanted));
  return { type: 'price', precision, minMove: 10 ** -precision };
}
