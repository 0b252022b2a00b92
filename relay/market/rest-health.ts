import type { UpstreamStatus } from '../../shared/market/index.ts';
import { createBackoff, RECONNECT_BACKOFF, type Backoff, type BackoffPolicy } from '../../shared/net/backoff.ts';

export interface RestHealthOptions {
  /** A cheap upstream call; resolves when the exchange answered, rejects when it is unreachable. */
  probe: () => Promise<unknown>;
  /** Delays between probes while the exchange is unreachable. */
  retryBackoff?: BackoffPolicy;
  /**
   * With no call for this long the exchange is probed anyway: a dead exchange nobody asks
   * would otherwise stay "connected" on /status forever.
   */
  idleProbeMs?: number;
  now?: () => number;
  random?: () => number;
}

/**
 * Tracks whether the exchange's REST API is reachable. Every routed call reports its outcome;
 * an idle exchange is probed every `idleProbeMs`, and after a failure a probe retries with the
 * shared reconnect backoff until the exchange answers again, so /status can tell the UI when
 * the next attempt happens. One timer at a time: either the idle probe or the retry.
 */
export class RestHealth {
  private current: UpstreamStatus = { state: 'connecting', lastError: null, nextRetryAt: null };
  private readonly backoff: Backoff;
  private timer: NodeJS.Timeout | null = null;
  private retryScheduled = false;
  private started = false;
  private closed = false;
  private readonly idleProbeMs: number;
  private readonly now: () => number;

  constructor(private readonly options: RestHealthOptions) {
    this.backoff = createBackoff(options.retryBackoff ?? RECONNECT_BACKOFF, options.random);
    this.idleProbeMs = options.idleProbeMs ?? 2_000;
    this.now = options.now ?? Date.now;
  }

  status(): UpstreamStatus {
    return { ...this.current };
  }

  /** First probe at start-up, so the status is known before the first browser request. */
  start(): void {
    this.started = true;
    void this.runProbe();
  }

  reportSuccess(): void {
    if (this.closed) return;
    this.backoff.reset();
    this.current = { state: 'connected', lastError: null, nextRetryAt: null };
    this.schedule(this.idleProbeMs, false);
  }

  reportFailure(err: unknown): void {
    if (this.closed) return;
    const lastError = err instanceof Error ? err.message : String(err);
    // A retry is already scheduled: keep its time so concurrent failures don't postpone it.
    if (this.retryScheduled) {
      this.current = { ...this.current, state: 'reconnecting', lastError };
      return;
    }
    const delay = this.backoff.next();
    this.current = { state: 'reconnecting', lastError, nextRetryAt: this.now() + delay };
    this.schedule(delay, true);
  }

  close(): void {
    this.closed = true;
    this.clearTimer();
  }

  private schedule(delayMs: number, isRetry: boolean): void {
    // Idle probing belongs to a started monitor; a bare instance only tracks reported outcomes.
    if (!isRetry && !this.started) return;
    this.clearTimer();
    this.retryScheduled = isRetry;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.retryScheduled = false;
      void this.runProbe();
    }, delayMs);
    this.timer.unref();
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
    this.retryScheduled = false;
  }
}
