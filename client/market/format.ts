/** Decimals of an instrument's price grid: "0.01" -> 2, "0.00000001" -> 8, "0.50" -> 1, "1" -> 0. */
export function tickDecimals(tickSize: string): number {
  return (tickSize.split('.')[1] ?? '').replace(/0+$/, '').length;
}

/**
 * A price as the exchange quotes it: with the instrument's tick size, exactly its decimals
 * (a 0.01-tick symbol reads 170.40, not 170.4000). Before the instrument is known, prices span
 * 1e-8 .. 1e5, so precision follows magnitude.
 */
export function formatPrice(value: number | null, tickSize?: string): string {
  if (value === null) return '—';
  const abs = Math.abs(value);
  const digits = tickSize !== undefined ? tickDecimals(tickSize) : abs >= 1_000 ? 2 : abs >= 1 ? 4 : abs >= 0.01 ? 6 : 8;
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function formatChangePct(value: number | null): string {
  if (value === null) return '—';
  const sign = value > 0 ? '+' : '';
  return `${sign}${value.toFixed(2)}%`;
}

/** Compact volume: 1234567 -> "1.23M". */
export function formatVolume(value: number | null): string {
  if (value === null) return '—';
  return value.toLocaleString('en-US', { notation: 'compact', maximumFractionDigits: 2 });
}

/** Traded value with its currency: 12345678 USDT -> "12.35M USDT". */
export function formatTurnover(value: number | null, quote: string): string {
  return value === null ? '—' : `${formatVolume(value)} ${quote}`;
}
