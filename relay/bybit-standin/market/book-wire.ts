import { fixedText } from '../../../shared/matching/fixed-decimal.ts';
import type { Level } from '../../../shared/matching/spot-matching-engine.ts';
import type { PublicBook } from '../trading/spot-exchange.ts';
import type { PublicTrade } from '../trading/public-tape.ts';

/** `[price, size]` string pairs, trimmed as in fixtures/bybit-v5/rest/market/orderbook.spot.json. */
export function levelRows(levels: readonly Level[]): [string, string][] {
  return levels.map((l) => [fixedText(l.price), fixedText(l.size)]);
}

/** GET /v5/market/orderbook result, key order of the spot fixture: s, a, b, ts, u, seq, cts. */
export function restBookResult(book: PublicBook, now: number) {
  return { s: book.symbol, a: levelRows(book.asks), b: levelRows(book.bids), ts: now, u: book.u, seq: book.seq, cts: book.cts };
}

/** GET /v5/market/recent-trade item, fields of fixtures/bybit-v5/rest/market/recent-trade.spot.json. */
export function restTradeItem(symbol: string, trade: PublicTrade) {
  return {
    execId: trade.execId,
    symbol,
    price: fixedText(trade.price),
    size: fixedText(trade.qty),
    side: trade.side,
    time: String(trade.time),
    isBlockTrade: false,
    isRPITrade: false,
    seq: String(trade.seq),
  };
}

/** publicTrade.{symbol} item, fields of fixtures/bybit-v5/ws/publicTrade.linear.json (no spot example published). */
export function wsTradeItem(symbol: string, trade: PublicTrade) {
  return { T: trade.time, s: symbol, S: trade.side, v: fixedText(trade.qty), p: fixedText(trade.price), L: trade.tick, i: trade.execId, BT: false, seq: trade.seq };
}

/**
 * orderbook.{depth}.{symbol} frame: `data` {s, b, a, u, seq} then `cts`, as in the captured
 * snapshot (ws/captured/orderbook.1.snapshot.linear.moxt.json). In a delta a size of "0" deletes
 * the level.
 */
export function wsBookFrame(topic: string, type: 'snapshot' | 'delta', book: PublicBook, bids: [string, string][], asks: [string, string][], now: number) {
  return { topic, type, ts: now, data: { s: book.symbol, b: bids, a: asks, u: book.u, seq: book.seq }, cts: book.cts };
}
