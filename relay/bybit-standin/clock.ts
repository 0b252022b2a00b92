/**
 * Simulated time: runs at wall-clock speed from `startTime`. Everything the stand-in serves is a
 * function of this clock, so a test may pin `startTime` and get the same market as last run.
 */
export interface Clock {
  now(): number;
}

export function wallClockFrom(startTime: number, wallNow: () => number = Date.now): Clock {
  const offset = startTime - wallNow();
  return { now: () => wallNow() + offset };
}
