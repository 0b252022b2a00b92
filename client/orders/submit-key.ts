/** One press of Submit: the key it was sent with and the body it belongs to. */
export interface SubmitAttempt {
  key: string;
  body: string;
}

/** A fresh orderLinkId: "ui-" and a v4 UUID without dashes, 35 of [A-Za-z0-9_-] (Bybit allows 36). */
export function newIdempotencyKey(randomUUID: () => string = () => crypto.randomUUID()): string {
  return `ui-${randomUUID().replaceAll('-', '')}`;
}

/**
 * The key for sending `body`: a retry of the same body after a failed or lost answer reuses the
 * previous attempt's key, so the relay answers the order it may already have placed instead of
 * placing a second one; any other body is a new order with a new key.
 */
export function keyForSubmit(previous: SubmitAttempt | null, body: unknown, randomUUID?: () => string): SubmitAttempt {
  const text = JSON.stringify(body);
  if (previous !== null && previous.body === text) return previous;
  return { key: newIdempotencyKey(randomUUID), body: text };
}
