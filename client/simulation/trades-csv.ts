import type { TradeRow } from './trade-rows.ts';

/** One CSV field as RFC 4180 writes it: quoted when it holds a comma, a quote or a line break, inner quotes doubled. */
export function csvField(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const HEADER = ['Trade', 'Entry (UTC)', 'Entry price', 'Exit (UTC)', 'Exit price', 'Qty', 'Fees (quote)', 'PnL (quote)', 'Return %', 'Duration (minutes)', 'Result', 'Exit reason'];

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
/** Enough digits for any quote amount, without binary noise like 0.30000000000000004. */
const amount = (x: number) => Number(x.toFixed(8));

/** The trades as a CSV file: a header line, then one line per trade, CRLF line ends. */
export function tradesCsv(rows: readonly TradeRow[]): string {
  const lines = [HEADER, ...rows.map((r) => [
    r.n,
    iso(r.trade.entryTime),
    r.trade.entryPrice,
    iso(r.trade.exitTime),
    r.trade.exitPrice,
    r.trade.qty,
    amount(r.trade.fees),
    amount(r.trade.pnl),
    Number((r.trade.returnPct * 100).toFixed(6)),
    Math.round(r.durationMs / 60_000),
    r.result,
    r.exitReason,
  ])];
  return lines.map((fields) => fields.map(csvField).join(',')).join('\r\n') + '\r\n';
}
