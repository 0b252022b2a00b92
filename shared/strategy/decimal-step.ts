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
  /** The nearest double, for the fast path of `floorSteps` / `ceilSteps` only. */
  size: number;
  /** `units` and 10^decimals as doubles, so `stepsToNumber` converts no BigInt on the hot path. */
  unitsValue: number;
  scale: number;
}

function scaledStep(units: bigint, decimals: number, size: number): ScaledStep {
  return { units, decimals, size, unitsValue: Number(units), scale: 10 ** decimals };
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
  return scaledStep(units, decimals, Number(step));
}

/** `count` whole steps as one step, e.g. the notional of one lot at `count` ticks. */
export function multiplyStep(step: ScaledStep, count: number): ScaledStep {
  return scaledStep(step.units * BigInt(count), step.decimals, step.size * count);
}

/** The product of two steps, e.g. lot x tick: the quote value of one lot at one tick. */
export function stepProduct(a: ScaledStep, b: ScaledStep): ScaledStep {
  const units = a.units * b.units;
  const decimals = a.decimals + b.decimals;
  return scaledStep(units, decimals, Number(formatUnits(units, decimals)));
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

/** `count` steps as the double nearest to their exact decimal, so it prints without artefacts (65297.63, not 65297.630000000005). */
export function stepsToNumber(count: number, step: ScaledStep): number {
  // Both operands exact (a safe integer, a power of ten below 1e23): one correctly rounded division.
  const units = count * step.unitsValue;
  return Number.isSafeInteger(units) && step.decimals <= 22 ? units / step.scale : Number(formatSteps(count, step));
}

/**
 * A float is read as the decimal it prints as (`String(x)`, the shortest round-trip form): prices
 * and balances come from decimal text, and 65124.06 means 65124.06, not the binary value just below.
 * Returns digits x 10^exponent.
 */
function decimalOf(value: number): { digits: bigint; exponent: number } {
  const [mantissa = '0', exp = '0'] = String(value).split('e');
  const [whole = '0', frac = ''] = mantissa.split('.');
  return { digits: BigInt(whole + frac), exponent: Number(exp) - frac.length };
}

/** Sign of value - count x step, exactly in decimal. */
function compareToSteps(value: number, count: number, step: ScaledStep): number {
  const { digits, exponent } = decimalOf(value);
  let left = digits;
  let right = BigInt(count) * step.units;
  // Bring both sides to the smaller power of ten.
  const shift = exponent + step.decimals;
  if (shift > 0) left *= 10n ** BigInt(shift);
  else if (shift < 0) right *= 10n ** BigInt(-shift);
  return left === right ? 0 : left > right ? 1 : -1;
}

/**
 * value / size in floats is within a few ulps of the exact decimal quotient (the printed decimal
 * of value, the step's rounding, the division): 2e-15 relative covers them with margin. Outside
 * that band around an integer the float floor is the exact floor; inside it, BigInt decides.
 */
const NEAR_INTEGER = 2e-15;

function quotient(value: number, step: ScaledStep): number {
  const q = value / step.size;
  if (!(q < Number.MAX_SAFE_INTEGER)) throw new Error(`${value} is too many steps of ${formatUnits(step.units, step.decimals)} to count exactly`);
  return q;
}

/** Whole steps in a non-negative amount, floored exactly: count x step <= value < (count + 1) x step. */
export function floorSteps(value: number, step: ScaledStep): number {
  if (!Number.isFinite(value) || value <= 0) return 0;
  const q = quotient(value, step);
  const n = Math.round(q);
  if (Math.abs(q - n) > q * NEAR_INTEGER) return Math.floor(q);
  return compareToSteps(value, n, step) >= 0 ? n : n - 1;
}

/** Steps needed to cover a non-negative amount, exactly: (count - 1) x step < value <= count x step. */
export function ceilSteps(value: number, step: ScaledStep): number {
  if (!Number.isFinite(value) || value <= 0) return 0;
  const q = quotient(value, step);
  const n = Math.round(q);
  if (Math.abs(q - n) > q * NEAR_INTEGER) return Math.ceil(q);
  return compareToSteps(value, n, step) <= 0 ? n : n + 1;
}
