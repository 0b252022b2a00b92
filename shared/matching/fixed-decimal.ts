import { decimalToUnits, formatUnits } from '../strategy/decimal-step.ts';

/**
 * Exchange amounts as integers of 10^-18: every spot tick, lot and fee rate Bybit lists has at most
 * 10 decimals, so sums, price x qty and qty x fee rate of two such values stay exact (no float
 * artefacts such as 0.30000000000000004 in a fill).
 */
export type Fixed = bigint;

export const FIXED_DECIMALS = 18;
export const ONE: Fixed = 10n ** BigInt(FIXED_DECIMALS);

export function fixed(text: string): Fixed {
  return decimalToUnits(text, FIXED_DECIMALS);
}

/** Bybit's text for an amount: no trailing zeros ("0.000306", "17071"). */
export function fixedText(value: Fixed): string {
  const text = formatUnits(value, FIXED_DECIMALS);
  return text.replace(/\.?0+$/, '') || '0';
}

/** Exact whenever the two factors' decimals add up to 18 or fewer (always, for listed specs). */
export function mul(a: Fixed, b: Fixed): Fixed {
  return (a * b) / ONE;
}

/** a / b rounded toward zero to 18 decimals. */
export function div(a: Fixed, b: Fixed): Fixed {
  return (a * ONE) / b;
}

export function floorToStep(value: Fixed, step: Fixed): Fixed {
  return (value / step) * step;
}

export function isOnStep(value: Fixed, step: Fixed): boolean {
  return value % step === 0n;
}

export function min(a: Fixed, b: Fixed): Fixed {
  return a < b ? a : b;
}
