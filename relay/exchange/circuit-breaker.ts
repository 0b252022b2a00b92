import type { CircuitState, CircuitStatus } from '../../shared/net/circuit-status.ts';

/** Refused at once: the breaker is open (or its one probe is out), nothing was sent. */
export class CircuitOpenError extends Error {
  override name = 'CircuitOpenError';
}

export interface CircuitBreakerOptions {
  /** Failed attempts in a row that open it. */
  failureThreshold: number;
  /** How long it stays open before one probe may go, ms. */
  openMs: number;
  /** Names the peer in the words of a refusal, e.g. "Bybit". */
  peer: string;
  now?: () => number;
}

/**
 * closed → open after `failureThreshold` failures in a row → after `openMs`, half-open: one probe
 * goes through (every other call is refused) → closed when it succeeds, open again when it fails.
 * Only failures that say the peer is unwell count (the caller decides which); an answer that
 * refuses a request proves the peer is there and counts as a success.
 */
export class CircuitBreaker {
  private current: CircuitState = 'closed';
  private failures = 0;
  private openedAt: number | null = null;
  private lastError: string | null = null;
  private probing = false;
  private readonly now: () => number;
  private readonly listeners = new Set<(from: CircuitState, to: CircuitState) => void>();

  constructor(private readonly options: CircuitBreakerOptions) {
    if (!(Number.isInteger(options.failureThreshold) && options.failureThreshold >= 1)) throw new RangeError(`failureThreshold must be a positive integer, got ${options.failureThreshold}`);
    if (!(options.openMs > 0)) throw new RangeError(`openMs must be positive, got ${options.openMs}`);
    this.now = options.now ?? Date.now;
  }

  /** Runs `task` unless the breaker refuses; `isFailure` tells which of its errors count against the peer. */
  async run<T>(task: () => Promise<T>, isFailure: (error: unknown) => boolean): Promise<T> {
    this.admit();
    try {
      const result = await task();
      this.succeeded();
      return result;
    } catch (error) {
      if (isFailure(error)) this.failed(error);
      else this.succeeded();
      throw error;
    }
  }

  status(): CircuitStatus {
    this.advance();
    const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
    return {
      state: this.current,
      consecutiveFailures: this.failures,
      failureThreshold: this.options.failureThreshold,
      openedAt: iso(this.openedAt),
      probeAt: this.current === 'open' && this.openedAt !== null ? iso(this.openedAt + this.options.openMs) : null,
      lastError: this.lastError,
    };
  }

  /** Told of every state change, e.g. to reconcile once the peer is back. */
  onChange(listener: (from: CircuitState, to: CircuitState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private admit(): void {
    this.advance();
    if (this.current === 'closed') return;
    if (this.current === 'half_open' && !this.probing) {
      this.probing = true;
      return;
    }
    const status = this.status();
    const when = status.probeAt === null ? 'a probe is already out' : `next probe at ${status.probeAt}`;
    throw new CircuitOpenError(`${this.options.peer} circuit breaker is open after ${this.failures} failures in a row (last: ${this.lastError ?? 'none'}); ${when}`);
  }

  /** Open long enough: the next call may probe. */
  private advance(): void {
    if (this.current === 'open' && this.openedAt !== null && this.now() >= this.openedAt + this.options.openMs) this.move('half_open');
  }

  private succeeded(): void {
    this.failures = 0;
    this.lastError = null;
    this.probing = false;
    if (this.current !== 'closed') this.move('closed');
  }

  private failed(error: unknown): void {
    this.failures += 1;
    this.lastError = error instanceof Error ? error.message : String(error);
    const probeFailed = this.current === 'half_open';
    this.probing = false;
    if (probeFailed || (this.current === 'closed' && this.failures >= this.options.failureThreshold)) {
      this.openedAt = this.now();
      this.move('open');
    }
  }

  private move(to: CircuitState): void {
    const from = this.current;
    this.current = to;
    for (const listener of this.listeners) listener(from, to);
  }
}
