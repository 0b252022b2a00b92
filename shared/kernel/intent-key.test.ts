import { describe, expect, it } from 'vitest';
import { intentKeyer } from './intent-key.ts';
import { OrderLinkIdSchema } from './schemas.ts';
import type { OrderIntent } from '../strategy/intents.ts';

const exit: OrderIntent = { type: 'market', side: 'sell', fraction: 1, tag: 'ema-exit' };
const entry: OrderIntent = { type: 'market', side: 'buy', fraction: 1, tag: 'ema-cross-up' };
const T = 1_717_200_000_000;

describe('idempotency keys', () => {
  it('are the same for the same run, candle and intent after a restart (a fresh keyer)', () => {
    const before = intentKeyer('run-7f3a');
    const restarted = intentKeyer('run-7f3a');
    expect(restarted(T, exit, 0)).toBe(before(T, exit, 0));
    expect(restarted(T, { ...exit, fraction: 0.5 }, 0)).toBe(before(T, exit, 0)); // the tag names the decision, not its size
    expect(before(T, exit, 0)).toMatch(new RegExp(`^${T}-[0-9a-f]{16}$`));
  });

  it('differ by run id, candle time, tag and position in the step', () => {
    const key = intentKeyer('run-7f3a');
    const keys = [
      key(T, exit, 0),
      intentKeyer('run-7f3b')(T, exit, 0),
      key(T + 60_000, exit, 0),
      key(T, entry, 0),
      key(T, exit, 1),
      key(T, { type: 'market', side: 'sell', fraction: 1 }, 0),
      key(T, { type: 'market', side: 'buy', fraction: 1 }, 0),
      key(T, { type: 'cancel' }, 0),
      key(T, { type: 'cancel', side: 'buy' }, 0),
    ];
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('are always valid Bybit orderLinkIds (at most 36 of letters, digits, - and _)', () => {
    const key = intentKeyer('a run id far longer than thirty-six characters, with spaces and ü');
    const longTag: OrderIntent = { type: 'limit', side: 'buy', fraction: 1, price: 1, tag: 'x'.repeat(64) };
    for (const time of [0, 59_999, T, Number.MAX_SAFE_INTEGER]) {
      for (const intent of [exit, longTag, { type: 'stop', side: 'sell', fraction: 1, stopPrice: 1, tag: 'stop ✓ / 止损' } as OrderIntent]) {
        const id = key(time, intent, 199);
        expect(OrderLinkIdSchema.safeParse(id).success, id).toBe(true);
      }
    }
    expect(key(Number.MAX_SAFE_INTEGER, exit, 0)).toHaveLength(33);
  });

  it('refuses an empty run id and a candle time that is not whole non-negative ms', () => {
    expect(() => intentKeyer('')).toThrow(/run id/);
    const key = intentKeyer('r');
    expect(() => key(1.5, exit, 0)).toThrow(/1.5 is not a non-negative integer/);
    expect(() => key(-60_000, exit, 0)).toThrow(/not a non-negative integer/);
  });

  it('stays a plain function of its inputs however many tags a strategy makes up', () => {
    const key = intentKeyer('r');
    const tagged = (i: number): OrderIntent => ({ type: 'market', side: 'buy', fraction: 1, tag: `t${i}` });
    const first = Array.from({ length: 1100 }, (_, i) => key(T, tagged(i), 0));
    expect(Array.from({ length: 1100 }, (_, i) => key(T, tagged(i), 0))).toEqual(first);
    expect(intentKeyer('r')(T, tagged(1099), 0)).toBe(first[1099]);
  });
});

describe('OrderLinkIdSchema', () => {
  it('takes what Bybit takes and refuses the rest with the rule', () => {
    expect(OrderLinkIdSchema.parse('A-z_09')).toBe('A-z_09');
    expect(OrderLinkIdSchema.safeParse('x'.repeat(36)).success).toBe(true);
    for (const bad of ['', 'x'.repeat(37), 'has space', 'dot.ted', 'ümlaut']) {
      const parsed = OrderLinkIdSchema.safeParse(bad);
      expect(parsed.success, bad).toBe(false);
      expect(parsed.error?.issues[0]?.message).toMatch(/1 to 36 letters, digits/);
    }
  });
});
