import type { Interval } from '../../shared/market/interval.ts';
import type { Candle, MarketSymbol, Ticker } from '../../shared/market/index.ts';
import type { UpstreamTopic } from '../market/gateway.ts';
import type { KlineRow, SpotInstrument, SpotTicker, WireKlineInterval, WsKlineBar, WsTickerPush } from './bybit-wire.ts';

/** Wire shapes become the canonical market model here; nothing past relay/exchange sees them. */

const TO_WIRE_INTERVAL: Record<Interval, WireKlineInterval> = {
  '1m': '1',
  '5m': '5',
  '15m': '15',
  '1h': '60',
  '4h': '240',
  '1d': 'D',
};

const FROM_WIRE_INTERVAL = new Map<string, Interval>(
  Object.entries(TO_WIRE_INTERVAL).map(([interval, wire]) => [wire, interval as Interval]),
);

export function toWireInterval(interval: Interval): WireKlineInterval {
  return TO_WIRE_INTERVAL[interval];
}

/** null for Bybit intervals the portal does not offer (3, 30, W, ...). */
export function fromWireInterval(wire: string): Interval | null {
  return FROM_WIRE_INTERVAL.get(wire) ?? null;
}

export function toMarketSymbol(instrument: SpotInstrument): MarketSymbol {
  const lot = instrument.lotSizeFilter;
  return {
    symbol: instrument.symbol,
    exchange: 'bybit',
    base: instrument.baseCoin,
    quote: instrument.quoteCoin,
    status: instrument.status,
    tickSize: instrument.priceFilter.tickSize,
    basePrecision: lot.basePrecision,
    quotePrecision: lot.quotePrecision,
    minOrderQty: lot.minOrderQty,
    maxOrderQty: lot.maxOrderQty,
    minOrderAmt: lot.minOrderAmt,
    maxOrderAmt: lot.maxOrderAmt,
  };
}

type TickerFields = Pick<
  SpotTicker,
  'symbol' | 'lastPrice' | 'price24hPcnt' | 'highPrice24h' | 'lowPrice24h' | 'volume24h' | 'turnover24h' | 'bid1Price' | 'ask1Price'
>;

/** Bybit sends "" for a side of the book that is empty. */
const bookPrice = (text: string | undefined): number | undefined => (text === undefined || text === '' ? undefined : Number(text));

/** `ts` is the exchange time of the snapshot: the REST envelope's `time` or the push's `ts`. */
export function toTicker(wire: TickerFields, ts: number): Ticker {
  return {
    symbol: wire.symbol,
    lastPrice: Number(wire.lastPrice),
    // Bybit sends a fraction (0.0068); the portal shows percent. Rounded to drop float noise (0.0068*100).
    change24hPct: Math.round(Number(wire.price24hPcnt) * 100 * 1e8) / 1e8,
    high24h: Number(wire.highPrice24h),
    low24h: Number(wire.lowPrice24h),
    volume24h: Number(wire.volume24h),
    turnover24h: Number(wire.turnover24h),
    ts,
    ...optionalPrice('bid1Price', bookPrice(wire.bid1Price)),
    ...optionalPrice('ask1Price', bookPrice(wire.ask1Price)),
  };
}

function optionalPrice<K extends string>(key: K, price: number | undefined): Partial<Record<K, number>> {
  return price === undefined ? {} : ({ [key]: price } as Record<K, number>);
}

export function tickerFromPush(push: WsTickerPush): Ticker {
  return toTicker(push.data, push.ts);
}

export function candleFromRow(row: KlineRow): Candle {
  const [start, open, high, low, close, volume, turnover] = row;
  return {
    openTime: Number(start),
    open: Number(open),
    high: Number(high),
    low: Number(low),
    close: Number(close),
    volume: Number(volume),
    turnover: Number(turnover),
  };
}

/** Bybit lists klines newest first; the portal keeps candles ascending. */
export function candlesFromRows(rows: KlineRow[]): Candle[] {
  return rows.map(candleFromRow).sort((a, b) => a.openTime - b.openTime);
}

export function candleFromBar(bar: WsKlineBar): Candle {
  return {
    openTime: bar.start,
    open: Number(bar.open),
    high: Number(bar.high),
    low: Number(bar.low),
    close: Number(bar.close),
    volume: Number(bar.volume),
    turnover: Number(bar.turnover),
  };
}

export function topicName(topic: UpstreamTopic): string {
  return topic.kind === 'ticker' ? `tickers.${topic.symbol}` : `kline.${toWireInterval(topic.interval)}.${topic.symbol}`;
}

/** Inverse of topicName; null for topics this adapter never subscribes. */
export function parseTopicName(name: string): UpstreamTopic | null {
  const ticker = /^tickers\.([A-Z0-9]+)$/.exec(name);
  if (ticker?.[1]) return { kind: 'ticker', symbol: ticker[1] };
  const kline = /^kline\.([0-9A-Z]+)\.([A-Z0-9]+)$/.exec(name);
  const interval = kline?.[1] ? fromWireInterval(kline[1]) : null;
  if (kline?.[2] && interval) return { kind: 'kline', symbol: kline[2], interval };
  return null;
}
