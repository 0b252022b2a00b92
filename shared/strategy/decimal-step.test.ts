import { describe, expect, it } from 'vitest';
import { seededRandom } from '../random/seeded-random.ts';
import { ceilSteps, decimalToUnits, decimalsOf, floorSteps, formatSteps, parseStep, stepsToNumber } from './decimal-step.ts';
import { compileRules, lotsForQuote, sizeOrder } from './order-rules.ts';

const random = seededRandom(20_240_601);
const int = (below: number) => Math.floor(random.next() * below);

/** A random decimal string of at most 15 significant digits, so the double it parses to prints back as the same decimal. */
function decimalText(maxIntDigits: number, maxDecimals: number): string {
  const decimals = int(maxDecimals + 1);
  const intDigits = 1 + int(Math.min(maxIntDigits, 15 - decimals));
  const whole = String(int(10 ** intDigits));
  const frac = Array.from({ length: decimals }, () => int(10)).join('');
  return decimals === 0 ? whole : `${whole}.${frac}`;
}

/** A step such as "0.00025": 1..999 units of 10^-d. */
function stepText(): string {
  const d = int(11);
  const units = String(1 + int(999));
  return d === 0 ? units : (Number(units) / 10 ** d).toFixed(d).replace(/0+$/, '').replace(/\.$/, '') || units;
}

/** Exact sign of a - b for two decimal strings. */
function compareDecimals(a: string, b: string): number {
  const scale = Math.max(decimalsOf(a), decimalsOf(b));
  const [x, y] = [decimalToUnits(a, scale), decimalToUnits(b, scale)];
  return x === y ? 0 : x > y ? 1 : -1;
}

/** count x step as a decimal string, by BigInt over the step's digits. */
function times(count: number | bigint, step: string): string {
  const d = decimalsOf(step);
  const units = (BigInt(count) * decimalToUnits(step, d)).toString().padStart(d + 1, '0');
  return d === 0 ? units : `${units.slice(0, -d)}.${units.slice(-d)}`;
}

describe('exact step rounding', () => {
  it('ceils and floors on a large step count without the old 1e-12 x count guard eating whole steps', () => {
    // 65124.06 / 1e-8 = 6,512,406,000,000 steps: the old guard was 6.5 steps wide.
    const sat = parseStep('0.00000001');
    expect(ceilSteps(65124.06, sat)).toBe(6_512_406_000_000);
    expect(floorSteps(65124.06, sat)).toBe(6_512_406_000_000);
    expect(ceilSteps(65124.0600000001, sat)).toBe(6_512_406_000_001);
  });

  it('reads a float as the decimal it prints as, so a price on the grid stays on its tick', () => {
    // 65124.06 as a double is 65124.0599999999976716...: still 6512406 ticks of 0.01 both ways.
    const cent = parseStep('0.01');
    expect(floorSteps(65124.06, cent)).toBe(6_512_406);
    expect(ceilSteps(65124.06, cent)).toBe(6_512_406);
    expect(floorSteps(0.1 + 0.2, parseStep('0.1'))).toBe(3); // prints 0.30000000000000004
    expect(ceilSteps(0.1 + 0.2, parseStep('0.1'))).toBe(4);
    expect(floorSteps(1e-7, parseStep('0.00000001'))).toBe(10);
  });

  it('floor(x) <= x < floor(x) + step and ceil(x) - step < x <= ceil(x), exactly in decimal, for random values and steps', () => {
    for (let k = 0; k < 20_000; k++) {
      const step = stepText();
      const grid = parseStep(step);
      // Half the values sit exactly on the grid, where float noise decides which way rounding goes.
      const text = k % 2 === 0 ? decimalText(8, 10) : times(1 + int(10 ** (1 + int(9))), step);
      const value = Number(text);
      if (!(value / grid.size < 2 ** 52) || value === 0) continue;
      const floor = floorSteps(value, grid);
      const ceil = ceilSteps(value, grid);
      const context = `${text} on ${step}: floor ${floor}, ceil ${ceil}`;
      expect(compareDecimals(times(floor, step), text), context).toBeLessThanOrEqual(0);
      expect(compareDecimals(text, times(floor + 1, step)), context).toBeLessThan(0);
      expect(compareDecimals(times(ceil - 1, step), text), context).toBeLessThan(0);
      expect(compareDecimals(text, times(ceil, step)), context).toBeLessThanOrEqual(0);
    }
  });
});

describe('steps as numbers', () => {
  it('gives the double nearest the exact decimal, which prints as that decimal', () => {
    expect(stepsToNumber(6_529_763, parseStep('0.01'))).toBe(65297.63);
    expect(String(stepsToNumber(6_529_763, parseStep('0.01')))).toBe('65297.63');
    for (let k = 0; k < 5_000; k++) {
      const step = parseStep(stepText());
      const count = int(10 ** (1 + int(12)));
      expect(stepsToNumber(count, step)).toBe(Number(formatSteps(count, step)));
    }
  });
});

describe('order sizing never overspends', () => {
  const BTCUSDT = compileRules({
    symbol: 'BTCUSDT',
    tickSize: '0.1',
    basePrecision: '0.000001',
    minOrderQty: '0.000001',
    maxOrderQty: '1000000',
    minOrderAmt: '0.000001',
    maxOrderAmt: '100000000000',
  });

  it('does not buy the lot that a quote one hair short of it cannot pay for', () => {
    // 1538 lots at 65000.0 cost exactly 99.97; 99.96999999999 is 1e-13 short in relative terms,
    // inside the old guard, which granted the 1538th lot anyway.
    expect(lotsForQuote(99.96999999999, 650_000, BTCUSDT)).toBe(1537);
    expect(lotsForQuote(99.97, 650_000, BTCUSDT)).toBe(1538);
  });

  it('spends at most the free quote, and one more lot would overspend, for random quotes and prices', () => {
    for (let k = 0; k < 5_000; k++) {
      const ticks = 1 + int(10 ** (1 + int(8)));
      const price = times(ticks, '0.1');
      // Quotes near a whole number of lots are the risky ones: build half of them that way.
      const lotsTarget = 1 + int(1_000_000);
      const quote = k % 2 === 0 ? decimalText(9, 8) : times(lotsTarget * ticks, '0.0000001');
      const freeQuote = Number(quote);
      const sized = sizeOrder('buy', 1, ticks, { freeQuote, baseLots: 0 }, BTCUSDT);
      if (!sized.ok) continue;
      // lots x 0.000001 x price, exactly: price has one decimal, so 7 decimals in all.
      const spend = (lots: number) => times(BigInt(lots) * decimalToUnits(price, 1), '0.0000001');
      expect(compareDecimals(spend(sized.lots), quote), `${quote} at ${price}: ${sized.lots} lots`).toBeLessThanOrEqual(0);
      expect(compareDecimals(spend(sized.lots + 1), quote), `${quote} at ${price}: ${sized.lots} lots`).toBeGreaterThan(0);
    }
  });
});
