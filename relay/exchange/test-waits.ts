/** Waiting helpers for tests of the exchange adapter's listener-style APIs. */

/** The next value a listener registration delivers that matches, within `ms`. */
export function nextValue<T>(
  register: (listener: (value: T) => void) => () => void,
  match: (value: T) => boolean,
  ms = 8_000,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no matching value within ${ms} ms`)), ms);
    const stop = register((value) => {
      if (!match(value)) return;
      clearTimeout(timer);
      stop();
      resolve(value);
    });
  });
}

/** Polls until `check` holds; resolves with how long that took, rejects after `ms`. */
export async function until(check: () => boolean, ms = 5_000): Promise<number> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > ms) throw new Error(`condition not reached within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return Date.now() - started;
}
