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

const stepCache = new Map<string, { units: number; scale: number }>();

/**
 * Rounds to a multiple of `step` (a decimal string) without float residue: the count of steps
 * times the step's integer digits is exact, and one division by a power of ten rounds correctly.
 */
export function roundToStep(value: number, step: string): number {
  let parsed = stepCache.get(step);
  if (!parsed) {
    const scale = 10 ** decimalsOf(step);
    parsed = { units: Math.round(Number(step) * scale), scale };
    stepCache.set(step, parsed);
  }
  const steps = Math.round((value * parsed.scale) / parsed.units);
  return (steps * parsed.units) / parsed.scale;
}
