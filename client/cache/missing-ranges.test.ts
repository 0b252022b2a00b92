import { describe, expect, it } from 'vitest';
import { closedPart, mergeRanges, missingRanges } from './missing-ranges.ts';

const M = 60_000;
const T0 = Date.UTC(2025, 0, 1);
const at = (minutes: number) => T0 + minutes * M;
const r = (from: number, to: number) => ({ from: at(from), to: at(to) });
/** "now" is well past every range so only explicit forming-candle tests see clipping. */
const LATER = at(10_000);

describe('mergeRanges', () => {
  it('merges overlapping and adjacent ranges and keeps gaps apart', () => {
    expect(mergeRanges([r(10, 20), r(0, 5), r(6, 8), r(15, 30), r(40, 50)], '1m')).toEqual([r(0, 8), r(10, 30), r(40, 50)]);
  });

  it('treats ranges one candle apart as a gap for the candle between them', () => {
    expect(mergeRanges([r(0, 5), r(7, 9)], '1m')).toEqual([r(0, 5), r(7, 9)]);
  });

  it('drops empty (inverted) ranges and does not mutate its input', () => {
    const input = [r(5, 9), r(3, 1)];
    expect(mergeRanges(input, '1m')).toEqual([r(5, 9)]);
    expect(input).toEqual([r(5, 9), r(3, 1)]);
  });

  it('uses the interval as adjacency step', () => {
    expect(mergeRanges([r(0, 60), r(120, 180)], '1h')).toEqual([r(0, 180)]);
    expect(mergeRanges([r(0, 60), r(121, 180)], '1h')).toEqual([r(0, 60), r(121, 180)]);
  });
});

describe('missingRanges', () => {
  it('returns the whole aligned request when nothing is cached', () => {
    expect(missingRanges([], at(0) + 5_000, at(10) + 59_000, '1m', LATER)).toEqual([r(0, 10)]);
  });

  it('returns nothing when one covered range spans the request', () => {
    expect(missingRanges([r(0, 100)], at(10), at(20), '1m', LATER)).toEqual([]);
  });

  it('returns the head, the holes and the tail around cached ranges', () => {
    expect(missingRanges([r(5, 10), r(15, 20)], at(0), at(30), '1m', LATER)).toEqual([r(0, 4), r(11, 14), r(21, 30)]);
  });

  it('joins adjacent cached ranges so no empty hole is requested', () => {
    expect(missingRanges([r(0, 9), r(10, 20)], at(0), at(20), '1m', LATER)).toEqual([]);
  });

  it('ignores cached ranges outside the request', () => {
    expect(missingRanges([r(0, 3), r(50, 60)], at(10), at(20), '1m', LATER)).toEqual([r(10, 20)]);
  });

  it('handles a cached range that starts before and ends inside the request', () => {
    expect(missingRanges([r(0, 12)], at(10), at(20), '1m', LATER)).toEqual([r(13, 20)]);
  });

  it('always refetches the forming candle even if a range claims to cover it', () => {
    const now = at(20) + 30_000;
    expect(missingRanges([r(0, 20)], at(10), now, '1m', now)).toEqual([r(20, 20)]);
  });

  it('refetches everything from the first unclosed candle for coarse intervals', () => {
    const now = Date.UTC(2025, 0, 3, 7);
    const covered = [{ from: Date.UTC(2025, 0, 1), to: Date.UTC(2025, 0, 3) }];
    expect(missingRanges(covered, Date.UTC(2025, 0, 1), now, '1d', now)).toEqual([
      { from: Date.UTC(2025, 0, 3), to: Date.UTC(2025, 0, 3) },
    ]);
  });

  it('rejects an inverted request with a clear error', () => {
    expect(() => missingRanges([], at(5), at(1), '1m', LATER)).toThrow(/before its start/);
  });
});

describe('closedPart', () => {
  it('clips a range to the last closed candle and drops it when nothing closed', () => {
    const now = at(10) + 1;
    expect(closedPart(r(0, 20), '1m', now)).toEqual(r(0, 9));
    expect(closedPart(r(10, 20), '1m', now)).toBeNull();
  });
});
