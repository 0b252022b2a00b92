import { z } from 'zod';

/**
 * Bybit v5 wire format for the public spot market data the portal uses, checked against real
 * bodies in fixtures/bybit-v5 (docs examples and raw captures). The stand-in serves these
 * shapes and the gateway parses them, so both sides agree on one definition.
 *
 * Wire truth: numbers are strings, except `retCode`, `time`, WS `ts`/`cs` and kline
 * `start`/`end`/`timestamp`. The ccxt-recorded files under rest/ccxt/ stringify some of those
 * numbers and inject `nextPageCursor` into list items, so they are not wire truth and are not
 * used to check these schemas.
 */

/** A signed decimal as Bybit sends it ("20533.13", "-0.0123"). */
export const WireDecimal = z.string().regex(/^-?\d+(\.\d+)?$/, 'expected a decimal string such as "0.01"');
/** Epoch milliseconds sent as a string (kline `start` in REST rows). */
export const WireMsString = z.string().regex(/^\d+$/, 'expected epoch milliseconds as a string');

/** Every REST answer, success or business error; errors keep the envelope with `result: {}`. */
export const RestEnvelopeSchema = z.object({
  retCode: z.number().int(),
  retMsg: z.string(),
  result: z.unknown(),
  retExtInfo: z.unknown(),
  time: z.number().int(),
});
export type RestEnvelope = z.infer<typeof RestEnvelopeSchema>;

/** Envelope of a successful answer whose `result` has the given shape. */
export function restSuccessSchema<T extends z.ZodType>(result: T) {
  return RestEnvelopeSchema.extend({ retCode: z.literal(0), result });
}

/** Bybit's code for bad parameters; with an unknown symbol the message is "Not supported symbols". */
export const RET_CODE_PARAMS_ERROR = 10001;

/** GET /v5/market/time. */
export const ServerTimeResultSchema = z.object({ timeSecond: WireMsString, timeNano: WireMsString });

export const SpotInstrumentSchema = z.object({
  symbol: z.string().min(1),
  baseCoin: z.string().min(1),
  quoteCoin: z.string().min(1),
  /** "Trading", "PreLaunch", "Delivering", "Closed". */
  status: z.string().min(1),
  innovation: z.string().optional(),
  marginTrading: z.string().optional(),
  lotSizeFilter: z.object({
    basePrecision: WireDecimal,
    quotePrecision: WireDecimal,
    minOrderQty: WireDecimal,
    maxOrderQty: WireDecimal,
    minOrderAmt: WireDecimal,
    maxOrderAmt: WireDecimal,
  }),
  priceFilter: z.object({ tickSize: WireDecimal }),
});
export type SpotInstrument = z.infer<typeof SpotInstrumentSchema>;

export const SpotInstrumentsResultSchema = z.object({
  category: z.literal('spot'),
  list: z.array(SpotInstrumentSchema),
  /** Spot answers in one page; other categories page with this cursor. */
  nextPageCursor: z.string().optional(),
});
export type SpotInstrumentsResult = z.infer<typeof SpotInstrumentsResultSchema>;

export const SpotTickerSchema = z.object({
  symbol: z.string().min(1),
  lastPrice: WireDecimal,
  /** 24h change as a fraction: "0.0068" is +0.68 %. */
  price24hPcnt: WireDecimal,
  highPrice24h: WireDecimal,
  lowPrice24h: WireDecimal,
  prevPrice24h: WireDecimal,
  volume24h: WireDecimal,
  turnover24h: WireDecimal,
  bid1Price: z.string().optional(),
  bid1Size: z.string().optional(),
  ask1Price: z.string().optional(),
  ask1Size: z.string().optional(),
  /** Empty for pairs without a USD index. */
  usdIndexPrice: z.string().optional(),
});
export type SpotTicker = z.infer<typeof SpotTickerSchema>;

export const SpotTickersResultSchema = z.object({
  category: z.literal('spot'),
  list: z.array(SpotTickerSchema),
});
export type SpotTickersResult = z.infer<typeof SpotTickersResultSchema>;

/** GET /v5/market/orderbook: `[price, size]` string pairs, bids best (highest) first, asks best (lowest) first. */
export const SpotOrderbookResultSchema = z.object({
  s: z.string().min(1),
  b: z.array(z.tuple([WireDecimal, WireDecimal])),
  a: z.array(z.tuple([WireDecimal, WireDecimal])),
  /** When the book was read, ms. */
  ts: z.number().int(),
  u: z.number().int(),
  seq: z.number().int(),
});
export type SpotOrderbookResult = z.infer<typeof SpotOrderbookResultSchema>;

/** `[start, open, high, low, close, volume, turnover]`, all strings. */
export const KlineRowSchema = z.tuple([
  WireMsString,
  WireDecimal,
  WireDecimal,
  WireDecimal,
  WireDecimal,
  WireDecimal,
  WireDecimal,
]);
export type KlineRow = z.infer<typeof KlineRowSchema>;

export const KlineResultSchema = z.object({
  symbol: z.string().min(1),
  category: z.enum(['spot', 'linear', 'inverse']),
  /** Newest first. */
  list: z.array(KlineRowSchema),
});
export type KlineResult = z.infer<typeof KlineResultSchema>;

/** Bybit kline interval codes (minutes, or D/W/M). */
export const WireKlineInterval = z.enum(['1', '3', '5', '15', '30', '60', '120', '240', '360', '720', 'D', 'W', 'M']);
export type WireKlineInterval = z.infer<typeof WireKlineInterval>;

export const WsTickerPushSchema = z.object({
  topic: z.string().regex(/^tickers\.[A-Z0-9]+$/),
  /** Spot tickers are always full snapshots. */
  type: z.enum(['snapshot', 'delta']),
  ts: z.number().int(),
  cs: z.number().int(),
  data: z.object({
    symbol: z.string().min(1),
    lastPrice: WireDecimal,
    highPrice24h: WireDecimal,
    lowPrice24h: WireDecimal,
    prevPrice24h: WireDecimal,
    volume24h: WireDecimal,
    turnover24h: WireDecimal,
    price24hPcnt: WireDecimal,
    usdIndexPrice: z.string().optional(),
  }),
});
export type WsTickerPush = z.infer<typeof WsTickerPushSchema>;

export const WsKlineBarSchema = z.object({
  start: z.number().int(),
  end: z.number().int(),
  interval: WireKlineInterval,
  open: WireDecimal,
  close: WireDecimal,
  high: WireDecimal,
  low: WireDecimal,
  volume: WireDecimal,
  turnover: WireDecimal,
  /** true once the bar has closed. */
  confirm: z.boolean(),
  timestamp: z.number().int(),
});
export type WsKlineBar = z.infer<typeof WsKlineBarSchema>;

export const WsKlinePushSchema = z.object({
  topic: z.string().regex(/^kline\.[0-9A-Z]+\.[A-Z0-9]+$/),
  type: z.literal('snapshot'),
  ts: z.number().int(),
  data: z.array(WsKlineBarSchema),
});
export type WsKlinePush = z.infer<typeof WsKlinePushSchema>;

/** Client -> Bybit control requests (`req_id` optional). */
export const WsRequestSchema = z.object({
  op: z.enum(['subscribe', 'unsubscribe', 'ping']),
  req_id: z.string().optional(),
  args: z.array(z.string()).optional(),
});
export type WsRequest = z.infer<typeof WsRequestSchema>;

/**
 * Reply to subscribe/unsubscribe. Public spot sends `ret_msg: "subscribe"`, linear `""`;
 * `req_id` is echoed only when the request had one.
 */
export const WsSubscribeAckSchema = z.object({
  success: z.boolean(),
  ret_msg: z.string(),
  conn_id: z.string(),
  req_id: z.string().optional(),
  op: z.enum(['subscribe', 'unsubscribe']),
});
export type WsSubscribeAck = z.infer<typeof WsSubscribeAckSchema>;

/**
 * Public-channel pong: note `op` stays "ping". bybit-api recognises it by the compact substring
 * `ret_msg":"pong`, so a server must send it without spaces (plain JSON.stringify).
 */
export const WsPublicPongSchema = z.object({
  success: z.literal(true),
  ret_msg: z.literal('pong'),
  conn_id: z.string(),
  req_id: z.string().optional(),
  op: z.literal('ping'),
});
export type WsPublicPong = z.infer<typeof WsPublicPongSchema>;
