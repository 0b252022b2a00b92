import type { UpstreamStatus } from '../../shared/market/index.ts';

export interface RestHealthOptions {
  /** A cheap upstream call; resolves when the exchange answered, rejects when it is unreachable. */
  probe: () => Promise<unknown>;
  initialRetryMs?: number;
  maxRetryMs?: number;
  now?: () => number;
}

/**
 * Tracks whether the exchange's REST API is reachable. Every routed call reports its outcome;
 * after a transport failure a background probe retries with bounded exponential backoff until
 * the exchange answers again, so /status can tell the UI when the next attempt happens.
 */
export class RestHealth {
  private current: UpstreamStatus = { state: 'connecting', lastError: null, nextRetryAt: null };
  private retryMs: number;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  private readonly initialRetryMs: number;
  private readonly maxRetryMs: number;
  private readonly now: () => number;

  constructor(private readonly options: RestHealthOptions) {
    this.initialRetryMs = options.initialRetryMs ?? 1_000;
    this.maxRetryMs = options.maxRetryMs ?? 30_000;
    this.now = options.now ?? Date.now;
    this.retryMs = this.initialRetryMs;
  }

  status(): UpstreamStatus {
    return { ...this.current };
  }

  /** First probe at start-up, so the status is known before the first browser request. */
  start(): void {
    void this.runProbe();
  }

  reportSuccess(): void {
    if (this.closed) return;
    this.clearTimer();
    this.retryMs = this.initialRetryMs;
    this.current = { state: 'connected', lastError: null, nextRetryAt: null };
  }

  reportFailure(err: unknown): void {
    if (this.closed) return;
    const lastError = err instanceof Error ? err.message : String(err);
    // A probe is already scheduled: keep its time so concurrent failures don't postpone it.
    if (this.timer) {
      this.current = { ...this.current, state: 'reconnecting', lastError };
      return;
    }
    const delay = this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, this.maxRetryMs);
    this.current = { state: 'reconnecting', lastError, nextRetryAt: this.now() + delay };
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.runProbe();
    }, delay);
    this.timer.unref();
  }

  close(): void {
    this.closed = true;
    this.clearTimer();
  }

  private async runProbe(): Promise<void> {
    try {
      await this.options.probe();
      this.reportSuccess();
    } catch (err) {
      this.reportFailure(err);
    }
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
