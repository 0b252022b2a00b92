/**
 * Exact decimal strings <-> integers on an exchange step grid (tickSize, basePrecision).
 *
 * Why: floats cannot hold 0.1 or 0.000011 exactly, so `Math.floor(qty / step) * step` leaks
 * artifacts such as 0.30000000000000004 into order payloads. Order quantities and prices are
 * therefore kept as integer counts of the step (lots, ticks) and only turned into decimal strings,
 * digit by digit, when an order leaves (`formatSteps`). Limits such as minOrderAmt are converted
 * once, exactly, with BigInt.
 */
export interface ScaledStep {
  /** Step in units of 10^-decimals, e.g. "0.000011" -> 11n with decimals 6. */
  units: bigint;
  decimals: number;
}

const DECIMAL = /^\d+(\.\d+)?$/;

/** A non-negative decimal string as integer units of 10^-decimals (decimals >= its own). */
export function decimalToUnits(text: string, decimals: number): bigint {
  if (!DECIMAL.test(text)) throw new Error(`expected a decimal string such as "0.01", got "${text}"`);
  const [whole = '0', frac = ''] = text.split('.');
  if (frac.length > decimals) throw new Error(`"${text}" has more than ${decimals} decimals`);
  return BigInt(whole + frac.padEnd(decimals, '0'));
}

export function decimalsOf(text: string): number {
  return (text.split('.')[1] ?? '').length;
}

export function parseStep(step: string): ScaledStep {
  const decimals = DECIMAL.test(step) ? decimalsOf(step) : 0;
  const units = decimalToUnits(step, decimals);
  if (units <= 0n) throw new Error(`step must be greater than zero, got "${step}"`);
  return { units, decimals };
}

export function formatUnits(units: bigint, decimals: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(decimals + 1, '0');
  const text = decimals === 0 ? digits : `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
  return negative ? `-${text}` : text;
}

/** `count` steps as a decimal string with exactly the step's decimals, e.g. 1536 x "0.000001" -> "0.001536". */
export function formatSteps(count: number, step: ScaledStep): string {
  if (!Number.isSafeInteger(count)) throw new Error(`step count must be a safe integer, got ${count}`);
  return formatUnits(BigInt(count) * step.units, step.decimals);
}

/**
 * Whole steps in a float amount, floored. A relative guard of 1e-12 absorbs binary noise
 * (0.29 / 0.01 = 28.999999999999996 is 29 steps) without ever granting a real extra step.
 */
export function floorSteps(value: number, stepSize: number): number {
  if (!Number.isFinite(value) || value <= 0) return 0;
  const steps = value / stepSize;
  return Math.floor(steps + steps * 1e-12);
}

export function ceilSteps(value: number, stepSize: number): number {
  if (!Number.isFinite(value) || value <= 0) return 0;
  const steps = value / stepSize;
  return Math.ceil(steps - steps * 1e-12);
}
