/**
 * Simulated time: runs at wall-clock speed from `startTime`. Everything the stand-in serves is a
 * function of this clock, so a test may pin `startTime` and get the same market as last run.
 */
export interface Clock {
  now(): number;
}

/** A clock that tests can also jump forward, e.g. across minute closes during an outage. */
export interface AdjustableClock extends Clock {
  advance(ms: number): void;
}

export function wallClockFrom(startTime: number, wallNow: () => number = Date.now): AdjustableClock {
  let offset = startTime - wallNow();
  return {
    now: () => wallNow() + offset,
    advance(ms) {
      if (!(ms >= 0)) throw new RangeError(`the clock only moves forward, got ${ms} ms`);
      offset += ms;
    },
  };
}
