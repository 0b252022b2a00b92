import { describe, expect, it } from 'vitest';
import type { UpstreamStatus } from '../../shared/market/index.ts';
import { connectivityBanners, freshestStatus, OFFLINE_MESSAGE, secondsUntil } from './connectivity.ts';

const NOW = 1_700_000_000_000;
const up: UpstreamStatus = { state: 'connected', lastError: null, nextRetryAt: null };
const retrying = (inMs: number | null, lastError = 'connect ECONNREFUSED'): UpstreamStatus => ({
  state: 'reconnecting', lastError, nextRetryAt: inMs === null ? null : NOW + inMs,
});
const base = { browserOnline: true, relayReachable: true, rest: up, stream: up, now: NOW };

describe('connectivityBanners', () => {
  it('shows nothing while everything is connected', () => {
    expect(connectivityBanners(base)).toEqual([]);
  });

  it('counts down to the earliest retry of a failing upstream', () => {
    expect(connectivityBanners({ ...base, rest: retrying(7_200), stream: retrying(3_001) })).toEqual([
      { kind: 'upstream', message: 'Bybit unreachable — retrying (next in 4s)', detail: 'connect ECONNREFUSED' },
    ]);
  });

  it('says retrying without a countdown when no retry time is known', () => {
    expect(connectivityBanners({ ...base, stream: retrying(null) })[0]?.message).toBe('Bybit unreachable — retrying');
  });

  it('treats the first connection attempt as not yet reachable', () => {
    const connecting: UpstreamStatus = { state: 'connecting', lastError: null, nextRetryAt: null };
    expect(connectivityBanners({ ...base, rest: connecting })[0]).toMatchObject({ kind: 'upstream', detail: null });
  });

  it('replaces the upstream banner with the offline banner when the browser or relay is unreachable', () => {
    const offline = [{ kind: 'offline', message: OFFLINE_MESSAGE }];
    expect(connectivityBanners({ ...base, browserOnline: false, rest: retrying(1_000) })).toEqual(offline);
    expect(connectivityBanners({ ...base, relayReachable: false })).toEqual(offline);
  });
});

describe('secondsUntil', () => {
  it('rounds up and never goes negative', () => {
    expect(secondsUntil(NOW + 1, NOW)).toBe(1);
    expect(secondsUntil(NOW - 5_000, NOW)).toBe(0);
    expect(secondsUntil(null, NOW)).toBeNull();
  });
});

describe('freshestStatus', () => {
  it('prefers whichever report arrived last', () => {
    const polled = { status: up, at: NOW };
    const pushed = { status: retrying(1_000), receivedAt: NOW + 1 };
    expect(freshestStatus(polled, pushed)).toBe(pushed.status);
    expect(freshestStatus({ ...polled, at: NOW + 2 }, pushed)).toBe(up);
    expect(freshestStatus(null, pushed)).toBe(pushed.status);
    expect(freshestStatus(polled, null)).toBe(up);
    expect(freshestStatus(null, null)).toBeNull();
  });
});
