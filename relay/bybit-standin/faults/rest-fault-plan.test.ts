import { describe, expect, it } from 'vitest';
import { RestFaultPlan } from './rest-fault-plan.ts';

describe('RestFaultPlan', () => {
  it('hits queued faults in order, on their path, as many times as asked', () => {
    const plan = new RestFaultPlan();
    plan.inject({ kind: 'lose-response', path: '/v5/order/create', times: 2 });
    plan.inject({ kind: 'server-error', status: 502 });
    expect(plan.take('/v5/order/realtime')).toEqual({ kind: 'server-error', status: 502, delayMs: 1000 });
    expect(plan.take('/v5/order/create')?.kind).toBe('lose-response');
    expect(plan.take('/v5/order/create')?.kind).toBe('lose-response');
    expect(plan.take('/v5/order/create')).toBeNull();
  });

  it('draws random faults at the asked rate, the same ones for the same seed', () => {
    const draws = (seed: number) => {
      const plan = new RestFaultPlan();
      plan.setRandom({ probability: 0.1, kinds: ['rate-limit', 'server-error'], seed });
      return Array.from({ length: 10_000 }, () => plan.take('/v5/order/create')?.kind ?? null);
    };
    const hits = draws(3).filter((k) => k !== null).length;
    expect(hits).toBeGreaterThan(900);
    expect(hits).toBeLessThan(1100);
    expect(draws(3)).toEqual(draws(3));
  });

  it('refuses nonsense', () => {
    const plan = new RestFaultPlan();
    expect(() => plan.inject({ kind: 'delay', times: 0 })).toThrow(/positive integer/);
    expect(() => plan.setRandom({ probability: 2, kinds: ['delay'] })).toThrow(/probability/);
  });
});
