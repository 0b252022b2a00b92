/** Bybit sends prices and sizes as decimal strings without trailing zeros ("17071", "17055.5"). */
export function decimalText(value: number, decimals: number): string {
  const fixed = value.toFixed(decimals);
  const trimmed = fixed.includes('.') ? fixed.replace(/0+$/, '').replace(/\.$/, '') : fixed;
  return trimmed === '-0' ? '0' : trimmed;
}

/** Number of decimals of a step such as "0.01" (-> 2) or "1" (-> 0). */
export function decimalsOf(step: string): number {
  const dot = step.indexOf('.');
  return dot === -1 ? 0 : step.length - dot - 1;
}

/** Rounds to a multiple of `step` (a decimal string) without float residue. */
export function roundToStep(value: number, step: string): number {
  const decimals = decimalsOf(step);
  const units = Math.round(value / Number(step));
  return Number((units * Number(step)).toFixed(decimals));
}
