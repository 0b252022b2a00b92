/** What Bybit reports in X-Bapi-Limit, X-Bapi-Limit-Status and X-Bapi-Limit-Reset-Timestamp. */
export interface LimitState {
  allowed: boolean;
  limit: number;
  remaining: number;
  resetAt: number;
}

const WINDOW_MS = 1000;

/**
 * Bybit's per-UID, per-endpoint limit over a rolling one-second window (docs/v5/rate-limit):
 * the reset time is now while under the limit, and when the oldest counted request leaves the
 * window once it is reached.
 */
export class EndpointRateLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(private readonly limits: Readonly<Record<string, number>>) {}

  limitOf(endpoint: string): number | undefined {
    return this.limits[endpoint];
  }

  take(endpoint: string, now: number): LimitState | null {
    const limit = this.limits[endpoint];
    if (limit === undefined) return null;
    const recent = (this.hits.get(endpoint) ?? []).filter((t) => t > now - WINDOW_MS);
    this.hits.set(endpoint, recent);
    if (recent.length >= limit) return { allowed: false, limit, remaining: 0, resetAt: recent[0]! + WINDOW_MS };
    recent.push(now);
    return { allowed: true, limit, remaining: limit - recent.length, resetAt: now };
  }
}
