/**
 * Decimal-string quantization for exchange steps (tickSize, basePrecision).
 *
 * Why: floats cannot hold 0.1 or 0.000011 exactly, so `Math.floor(qty / step) * step` leaks
 * artifacts such as 0.30000000000000004 into order payloads. We instead scale every value to an
 * integer count of the step's smallest decimal unit (BigInt), floor/ceil there, and format the
 * result back to a string with exactly the step's number of decimals.
 *
 * A float input first goes through `toFixed(decimals + GUARD_DIGITS)`: this absorbs binary noise
 * (0.28999999999999998 is the float for 0.29) before flooring, so 0.29 floors to "0.29" and not
 * "0.28", while a real 0.2899999 still floors to "0.28".
 */
const GUARD_DIGITS = 6;

export interface ScaledStep {
  /** Step in units of 10^-decimals, e.g. "0.000011" -> 11n with decimals 6. */
  units: bigint;
  decimals: number;
}

const DECIMAL = /^\d+(\.\d+)?$/;

export function parseStep(step: string): ScaledStep {
  if (!DECIMAL.test(step)) throw new Error(`step must be a decimal string such as "0.01", got "${step}"`);
  const [whole = '0', frac = ''] = step.split('.');
  const units = BigInt(whole + frac);
  if (units <= 0n) throw new Error(`step must be greater than zero, got "${step}"`);
  return { units, decimals: frac.length };
}

interface Units {
  units: bigint;
  /** True when non-zero digits were truncated (the value sits strictly above `units`). */
  truncated: boolean;
}

/** Integer units of 10^-decimals (floored) for a non-negative finite number, float noise absorbed. */
function toUnits(value: number, decimals: number): Units {
  if (!Number.isFinite(value) || value < 0) throw new Error(`expected a finite non-negative number, got ${value}`);
  const fixed = value.toFixed(Math.min(100, decimals + GUARD_DIGITS));
  const [whole = '0', frac = ''] = fixed.split('.');
  return { units: BigInt(whole + frac.slice(0, decimals)), truncated: /[1-9]/.test(frac.slice(decimals)) };
}

export function formatUnits(units: bigint, decimals: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(decimals + 1, '0');
  const text = decimals === 0 ? digits : `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
  return negative ? `-${text}` : text;
}

/** Largest multiple of `step` that is <= value, as a decimal string with the step's decimals. */
export function floorToStep(value: number, step: ScaledStep): string {
  const { units } = toUnits(value, step.decimals);
  return formatUnits((units / step.units) * step.units, step.decimals);
}

/** Smallest multiple of `step` that is >= value. */
export function ceilToStep(value: number, step: ScaledStep): string {
  const { units, truncated } = toUnits(value, step.decimals);
  const floored = (units / step.units) * step.units;
  const exact = floored === units && !truncated;
  return formatUnits(exact ? floored : floored + step.units, step.decimals);
}

/** Exact comparison of two decimal strings (no float conversion). */
export function compareDecimal(a: string, b: string): number {
  const da = (a.split('.')[1] ?? '').length;
  const db = (b.split('.')[1] ?? '').length;
  const scale = Math.max(da, db);
  const ua = BigInt(a.replace('.', '') + '0'.repeat(scale - da));
  const ub = BigInt(b.replace('.', '') + '0'.repeat(scale - db));
  return ua < ub ? -1 : ua > ub ? 1 : 0;
}
