import type { UpstreamStatus } from '../../shared/market/index.ts';

export interface ConnectivityInput {
  /** navigator.onLine */
  browserOnline: boolean;
  /** false once a request to the relay itself failed at the network level */
  relayReachable: boolean;
  /** Bybit REST and stream status, already reduced to the freshest known values. */
  rest: UpstreamStatus | null;
  stream: UpstreamStatus | null;
  now: number;
}

export type Banner =
  | { kind: 'offline'; message: string }
  | { kind: 'upstream'; message: string; detail: string | null };

export const OFFLINE_MESSAGE = 'Offline — showing cached data';

/** Seconds until the next retry, never negative; null when the relay did not say. */
export function secondsUntil(at: number | null, now: number): number | null {
  return at === null ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

/**
 * Which banners to show. Without the relay nothing is known about Bybit, so "offline" replaces
 * the upstream banner rather than stacking with a stale one.
 */
export function connectivityBanners(input: ConnectivityInput): Banner[] {
  if (!input.browserOnline || !input.relayReachable) return [{ kind: 'offline', message: OFFLINE_MESSAGE }];
  const down = [input.rest, input.stream].filter((s): s is UpstreamStatus => s !== null && s.state !== 'connected');
  if (down.length === 0) return [];
  const retries = down.map((s) => s.nextRetryAt).filter((t): t is number => t !== null);
  const seconds = secondsUntil(retries.length > 0 ? Math.min(...retries) : null, input.now);
  const message = seconds === null ? 'Bybit unreachable — retrying' : `Bybit unreachable — retrying (next in ${seconds}s)`;
  const detail = down.map((s) => s.lastError).find((e): e is string => e !== null) ?? null;
  return [{ kind: 'upstream', message, detail }];
}

/** The newer of the polled and the pushed stream status. */
export function freshestStatus(
  polled: { status: UpstreamStatus; at: number } | null,
  pushed: { status: UpstreamStatus; receivedAt: number } | null,
): UpstreamStatus | null {
  if (!polled) return pushed?.status ?? null;
  if (!pushed) return polled.status;
  return pushed.receivedAt > polled.at ? pushed.status : polled.status;
}
