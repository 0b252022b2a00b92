/**
 * A market price (a double from the canonical ticker) as the decimal it prints as, without
 * exponent: String(1.5e-7) is "1.5e-7", which no decimal parser for orders accepts.
 */
export function decimalText(value: number): string {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`expected a finite non-negative price, got ${value}`);
  const text = String(value);
  const [mantissa = '0', exp] = text.split('e');
  if (exp === undefined) return text;
  const [whole = '0', frac = ''] = mantissa.split('.');
  const digits = whole + frac;
  const point = whole.length + Number(exp);
  if (point <= 0) return `0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return digits + '0'.repeat(point - digits.length);
  return `${digits.slice(0, point)}.${digits.slice(point)}`;
}
