import { describe, expect, it } from 'vitest';
import { deriveSeed, seededRandom } from './seeded-random.ts';

describe('seeded random', () => {
  it('replays the same sequence for the same seed and differs for another', () => {
    const draw = (seed: number) => Array.from({ length: 5 }, seededRandom(seed).next);
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
  });

  it('gives separate streams per label', () => {
    expect(deriveSeed(1, 'BTCUSDT')).not.toBe(deriveSeed(1, 'SOLUSDT'));
    expect(deriveSeed(1, 'BTCUSDT')).toBe(deriveSeed(1, 'BTCUSDT'));
  });

  it('draws standard normals with mean ~0 and sd ~1', () => {
    const random = seededRandom(7);
    const xs = Array.from({ length: 20_000 }, random.gaussian);
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length);
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(sd - 1)).toBeLessThan(0.03);
  });
});
