import { seededRandom, type Random } from '../../../shared/random/seeded-random.ts';

/**
 * What can go wrong with one private REST call, as a client sees it:
 * - `lose-response`: the request is carried out (an order is accepted) but the answer never
 *   arrives (the connection is reset), the case that makes blind retries duplicate orders;
 * - `server-error`: an HTTP 5xx from Bybit's gateway, the request not carried out;
 * - `rate-limit`: retCode 10006 with the limit headers, not carried out;
 * - `delay`: carried out and answered after `delayMs`.
 */
export type RestFaultKind = 'lose-response' | 'server-error' | 'rate-limit' | 'delay';

export interface RestFault {
  kind: RestFaultKind;
  /** Only requests to this path (e.g. "/v5/order/create"); every private path when absent. */
  path?: string;
  /** How many matching requests it hits (default 1). */
  times?: number;
  /** HTTP status of a server-error (default 503). */
  status?: number;
  /** For delay (default 1000). */
  delayMs?: number;
}

export interface RandomRestFaults {
  /** Share of private requests hit, in [0, 1]. */
  probability: number;
  /** Drawn uniformly among these. */
  kinds: RestFaultKind[];
  /** Only requests to these paths (default every private path). */
  paths?: string[];
  seed?: number;
  delayMs?: number;
}

export interface FaultAction {
  kind: RestFaultKind;
  status: number;
  delayMs: number;
}

/** Faults queued by a test (first match wins, in order) and, beneath them, seeded random ones. */
export class RestFaultPlan {
  private readonly queued: (RestFault & { left: number })[] = [];
  private random: { options: RandomRestFaults; draw: Random } | null = null;

  inject(fault: RestFault): void {
    const left = fault.times ?? 1;
    if (!Number.isInteger(left) || left < 1) throw new RangeError(`times must be a positive integer, got ${fault.times}`);
    this.queued.push({ ...fault, left });
  }

  /** null stops random faults. */
  setRandom(options: RandomRestFaults | null): void {
    if (options && !(options.probability >= 0 && options.probability <= 1)) throw new RangeError(`probability must be in [0, 1], got ${options.probability}`);
    if (options && options.kinds.length === 0) throw new RangeError('random faults need at least one kind');
    this.random = options ? { options, draw: seededRandom(options.seed ?? 1) } : null;
  }

  clear(): void {
    this.queued.length = 0;
    this.random = null;
  }

  take(path: string): FaultAction | null {
    const index = this.queued.findIndex((f) => f.path === undefined || f.path === path);
    if (index !== -1) {
      const fault = this.queued[index]!;
      fault.left -= 1;
      if (fault.left === 0) this.queued.splice(index, 1);
      return { kind: fault.kind, status: fault.status ?? 503, delayMs: fault.delayMs ?? 1000 };
    }
    if (!this.random) return null;
    const { options, draw } = this.random;
    if (options.paths && !options.paths.includes(path)) return null;
    if (draw.next() >= options.probability) return null;
    const kind = options.kinds[Math.floor(draw.next() * options.kinds.length)]!;
    return { kind, status: 503, delayMs: options.delayMs ?? 1000 };
  }
}
