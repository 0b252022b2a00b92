import { describe, expect, it } from 'vitest';
import { bookDelta } from './book-diff.ts';

describe('bookDelta', () => {
  it('sends changed and new levels with their size and deletes vanished ones with "0"', () => {
    const sent = new Map<string, string>();
    expect(bookDelta(sent, [['100', '1'], ['99', '2']])).toEqual([['100', '1'], ['99', '2']]);
    expect(bookDelta(sent, [['100', '1.5'], ['98', '3']])).toEqual([['99', '0'], ['100', '1.5'], ['98', '3']]);
    expect(bookDelta(sent, [['100', '1.5'], ['98', '3']])).toEqual([]);
    expect([...sent]).toEqual([['100', '1.5'], ['98', '3']]);
  });
});
