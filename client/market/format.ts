/** Display formatting for market numbers (prices span 1e-8 .. 1e5, so precision follows magnitude). */
export function formatPrice(value: number | null): string {
  if (value === null) return '—';
  const abs = Math.abs(value);
  const digits = abs >= 1_000 ? 2 : abs >= 1 ? 4 : abs >= 0.01 ? 6 : 8;
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
