import { z } from 'zod';

/** Look-back length in candles; 1000 keeps a warm-up fetch within a few exchange pages. */
export function periodParam(defaultValue: number, what: string, min = 1) {
  return z
    .number({ error: `${what} must be a number such as ${defaultValue}` })
    .int(`${what} must be a whole number of candles`)
    .min(min, `${what} must be at least ${min}`)
    .max(1000, `${what} must be at most 1000`)
    .default(defaultValue);
}
