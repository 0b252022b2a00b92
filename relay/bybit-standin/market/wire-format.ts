import type { InstrumentSpec } from '../history/instrument-spec.ts';
import type { Bar } from './candle-series.ts';
import { decimalText, decimalsOf } from './decimal-text.ts';
import { fixedIntervalMs, nextBucketStart, type BybitInterval } from './kline-intervals.ts';
import type { SymbolMarket } from './symbol-market.ts';

/**
 * Bybit v5 spot wire shapes, key order as in the published examples (fixtures/bybit-v5).
 * Prices and sizes are strings; volume and turnover are sums, so they carry up to 8 decimals.
 */
const SUM_DECIMALS = 8;
/** Bybit sends price24hPcnt as a fraction with 4 decimals ("0.0068"). */
const PCNT_DECIMALS = 4;

export function price(spec: InstrumentSpec, value: number): string {
  return decimalText(value, decimalsOf(spec.tickSize));
}

function sum(value: number): string {
  return decimalText(value, SUM_DECIMALS);
}

/** REST kline row: `[start, open, high, low, close, volume, turnover]`, all strings. */
export function klineRow(spec: InstrumentSpec, bar: Bar): string[] {
  return [String(bar.start), price(spec, bar.open), price(spec, bar.high), price(spec, bar.low), price(spec, bar.close), sum(bar.volume), sum(bar.turnover)];
}

export function instrumentItem(spec: InstrumentSpec) {
  return {
    symbolId: spec.symbolId,
    symbol: spec.symbol,
    baseCoin: spec.baseCoin,
    quoteCoin: spec.quoteCoin,
    innovation: '0',
    status: 'Trading',
    marginTrading: 'none',
    stTag: '0',
    lotSizeFilter: {
      basePrecision: spec.basePrecision,
      quotePrecision: spec.quotePrecision,
      minOrderQty: spec.minOrderQty,
      maxOrderQty: spec.maxOrderQty,
      minOrderAmt: spec.minOrderAmt,
      maxOrderAmt: spec.maxOrderAmt,
      maxLimitOrderQty: spec.maxOrderQty,
      maxMarketOrderQty: decimalText(Number(spec.maxOrderQty) / 2, decimalsOf(spec.basePrecision)),
      postOnlyMaxLimitOrderSize: spec.maxOrderAmt,
    },
    priceFilter: { tickSize: spec.tickSize },
    riskParameters: { priceLimitRatioX: '0.005', priceLimitRatioY: '0.01' },
    symbolType: '',
  };
}

/** Bybit quotes usdIndexPrice for USD-stable quotes; other pairs get "" as it does for unindexed coins. */
function usdIndexPrice(market: SymbolMarket, last: number): string {
  return market.spec.quoteCoin === 'USDT' ? price(market.spec, last) : '';
}

/** REST /v5/market/tickers spot item. */
export function restTickerItem(market: SymbolMarket, now: number) {
  const spec = market.spec;
  const stats = market.ticker(now);
  const book = market.bookTop();
  const lot = decimalsOf(spec.basePrecision);
  return {
    symbol: spec.symbol,
    bid1Price: price(spec, book.bid1Price),
    bid1Size: decimalText(book.bid1Size, lot),
    ask1Price: price(spec, book.ask1Price),
    ask1Size: decimalText(book.ask1Size, lot),
    lastPrice: price(spec, stats.lastPrice),
    prevPrice24h: price(spec, stats.prevPrice24h),
    price24hPcnt: decimalText(stats.price24hPcnt, PCNT_DECIMALS),
    highPrice24h: price(spec, stats.highPrice24h),
    lowPrice24h: price(spec, stats.lowPrice24h),
    turnover24h: sum(stats.turnover24h),
    volume24h: sum(stats.volume24h),
    usdIndexPrice: usdIndexPrice(market, stats.lastPrice),
  };
}

/** WS `tickers.{symbol}` push: spot always sends full snapshots with a cross sequence `cs`. */
export function wsTickerMessage(market: SymbolMarket, now: number) {
  const spec = market.spec;
  const stats = market.ticker(now);
  return {
    topic: `tickers.${spec.symbol}`,
    ts: now,
    type: 'snapshot',
    cs: market.sequence,
    data: {
      symbol: spec.symbol,
      lastPrice: price(spec, stats.lastPrice),
      highPrice24h: price(spec, stats.highPrice24h),
      lowPrice24h: price(spec, stats.lowPrice24h),
      prevPrice24h: price(spec, stats.prevPrice24h),
      volume24h: sum(stats.volume24h),
      turnover24h: sum(stats.turnover24h),
      price24hPcnt: decimalText(stats.price24hPcnt, PCNT_DECIMALS),
      usdIndexPrice: usdIndexPrice(market, stats.lastPrice),
    },
  };
}

/** WS `kline.{interval}.{symbol}` item; `end` is the last ms of the bucket, `confirm` true once closed. */
export function wsKlineItem(spec: InstrumentSpec, interval: BybitInterval, bar: Bar, confirm: boolean, now: number) {
  const length = fixedIntervalMs(interval);
  const end = (length === null ? nextBucketStart(interval, bar.start) : bar.start + length) - 1;
  return {
    start: bar.start,
    end,
    interval,
    open: price(spec, bar.open),
    close: price(spec, bar.close),
    high: price(spec, bar.high),
    low: price(spec, bar.low),
    volume: sum(bar.volume),
    turnover: sum(bar.turnover),
    confirm,
    timestamp: now,
  };
}
