import type { Express, Request, Response } from 'express';
import type { Clock } from '../clock.ts';
import type { SpotExchange } from '../trading/spot-exchange.ts';
import { restBookResult, restTradeItem } from './book-wire.ts';
import { isBybitInterval } from './kline-intervals.ts';
import { RECENT_TRADES } from './symbol-market.ts';
import { BYBIT_ERRORS, errorBody, okBody } from './rest-envelope.ts';
import type { SimMarket } from './sim-market.ts';
import { instrumentItem, klineRow, restTickerItem } from './wire-format.ts';

export interface MarketRouteDeps {
  market: SimMarket;
  clock: Clock;
  /** The book and trade tape, which the account's own orders and fills are part of. */
  exchange: SpotExchange;
}

const DEFAULT_KLINE_LIMIT = 200;
const MAX_KLINE_LIMIT = 1000;

/** Public GET /v5/market/* endpoints for category=spot. */
/** Spot orderbook depth: 1..200, default 1; recent-trade: 1..60, default 60 (docs/v5/market). */
const MAX_BOOK_LIMIT = 200;
const MAX_TRADE_LIMIT = RECENT_TRADES;

export function registerMarketRoutes(app: Express, { market, clock, exchange }: MarketRouteDeps): void {
  /** Brings the walk up to date so every answer reflects "now", whatever the push timer did. */
  const now = (): number => {
    const t = clock.now();
    market.advance(t);
    return t;
  };
  const fail = (res: Response, retMsg: string, t: number) => res.json(errorBody(BYBIT_ERRORS.paramsError, retMsg, t));

  app.get('/v5/market/time', (_req, res) => {
    const t = clock.now();
    // timeNano has no sub-ms source here; Bybit's carries one, the shape is what matters.
    res.json(okBody({ timeSecond: String(Math.floor(t / 1000)), timeNano: `${t}000000` }, t));
  });

  app.get('/v5/market/instruments-info', (req, res) => {
    const t = now();
    if (query(req, 'category') !== 'spot') return fail(res, BYBIT_ERRORS.illegalCategory, t);
    const symbol = query(req, 'symbol');
    // An unlisted spot symbol is not an error on Bybit: it answers retCode 0 with an empty list.
    const listed = symbol === undefined ? market.all() : [market.get(symbol)].filter((m) => m !== undefined);
    res.json(okBody({ category: 'spot', list: listed.map((m) => instrumentItem(m.spec)) }, t));
  });

  app.get('/v5/market/tickers', (req, res) => {
    const t = now();
    if (query(req, 'category') !== 'spot') return fail(res, BYBIT_ERRORS.illegalCategory, t);
    const symbol = query(req, 'symbol');
    const selected = symbol === undefined ? market.all() : [market.get(symbol)];
    if (selected.some((m) => m === undefined)) return fail(res, BYBIT_ERRORS.unknownSymbol, t);
    res.json(okBody({ category: 'spot', list: selected.map((m) => restTickerItem(m!, t)) }, t));
  });

  app.get('/v5/market/orderbook', (req, res) => {
    const t = exchange.sync();
    if (query(req, 'category') !== 'spot') return fail(res, BYBIT_ERRORS.illegalCategory, t);
    const limit = integerParam(req, 'limit');
    if (Number.isNaN(limit) || (limit !== undefined && (limit < 1 || limit > MAX_BOOK_LIMIT))) return fail(res, `params error: limit must be an integer in [1, ${MAX_BOOK_LIMIT}]`, t);
    const book = exchange.book(query(req, 'symbol') ?? '', limit ?? 1);
    if (!book) return fail(res, BYBIT_ERRORS.unknownSymbol, t);
    res.json(okBody(restBookResult(book, t), t));
  });

  app.get('/v5/market/recent-trade', (req, res) => {
    const t = exchange.sync();
    if (query(req, 'category') !== 'spot') return fail(res, BYBIT_ERRORS.illegalCategory, t);
    const symbol = query(req, 'symbol') ?? '';
    if (!market.get(symbol)) return fail(res, BYBIT_ERRORS.unknownSymbol, t);
    const limit = integerParam(req, 'limit');
    if (Number.isNaN(limit) || (limit !== undefined && limit < 1)) return fail(res, `params error: limit must be an integer in [1, ${MAX_TRADE_LIMIT}]`, t);
    const trades = exchange.recentTrades(symbol, Math.min(limit ?? MAX_TRADE_LIMIT, MAX_TRADE_LIMIT));
    res.json(okBody({ category: 'spot', list: trades.map((trade) => restTradeItem(symbol, trade)) }, t));
  });

  app.get('/v5/market/kline', (req, res) => {
    const t = now();
    if (query(req, 'category') !== 'spot') return fail(res, BYBIT_ERRORS.illegalCategory, t);
    const symbol = query(req, 'symbol');
    if (symbol === undefined) return fail(res, 'params error: symbol invalid', t);
    const interval = query(req, 'interval');
    if (interval === undefined || !isBybitInterval(interval)) return fail(res, BYBIT_ERRORS.invalidInterval, t);
    const sym = market.get(symbol);
    if (!sym) return fail(res, BYBIT_ERRORS.unknownSymbol, t);
    const start = integerParam(req, 'start');
    const end = integerParam(req, 'end');
    const limit = integerParam(req, 'limit');
    if (Number.isNaN(start)) return fail(res, 'params error: start must be epoch milliseconds', t);
    if (Number.isNaN(end)) return fail(res, 'params error: end must be epoch milliseconds', t);
    if (Number.isNaN(limit) || (limit !== undefined && limit < 1)) {
      return fail(res, `params error: limit must be an integer in [1, ${MAX_KLINE_LIMIT}]`, t);
    }
    const rows = sym.candles(interval).query({
      ...(start === undefined ? {} : { start }),
      end: end ?? t,
      // A limit above the maximum is served at the maximum rather than refused.
      limit: Math.min(limit ?? DEFAULT_KLINE_LIMIT, MAX_KLINE_LIMIT),
    });
    res.json(okBody({ symbol: sym.symbol, category: 'spot', list: rows.map((bar) => klineRow(sym.spec, bar)) }, t));
  });
}

function query(req: Request, name: string): string | undefined {
  const value = req.query[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** undefined when absent, NaN when present but not an integer. */
function integerParam(req: Request, name: string): number | undefined {
  const raw = query(req, name);
  if (raw === undefined) return undefined;
  return /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
}
