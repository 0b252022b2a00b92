/**
 * A price with as many decimals as the instrument's tick size ("0.01" -> 2, "0.00000001" -> 8,
 * "1" -> 0), so the legend reads like the exchange quotes. Kept here until the tick-size
 * formatting planned for client/market/format.ts lands.
 */
export function formatByTick(value: number, tickSize: string): string {
  const dot = tickSize.indexOf('.');
  const decimals = dot === -1 ? 0 : tickSize.replace(/0+$/, '').length - dot - 1;
  return value.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}
