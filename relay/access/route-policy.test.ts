import { describe, expect, it } from 'vitest';
import { requiredRole } from './route-policy.ts';

describe('requiredRole', () => {
  it('leaves market data reads, the SPA and the sign-in surface open', () => {
    for (const path of ['/api/v1/status', '/api/v1/symbols', '/api/v1/tickers', '/api/v1/candles', '/api/v1/indicators', '/api/v1/openapi.json', '/', '/assets/x.js', '/login']) {
      expect(requiredRole('GET', path), path).toBe('none');
    }
    expect(requiredRole('POST', '/api/v1/login')).toBe('none');
    expect(requiredRole('GET', '/api/v1/session')).toBe('none');
  });

  it('needs a viewer for any other read and an operator for every write, future routes included', () => {
    expect(requiredRole('GET', '/api/v1/drawings')).toBe('viewer');
    expect(requiredRole('GET', '/api/v1/simulations/x')).toBe('viewer');
    expect(requiredRole('GET', '/api/v1/orders')).toBe('viewer');
    expect(requiredRole('GET', '/api/v1/positions/by-run')).toBe('viewer');
    expect(requiredRole('GET', '/api/v1/status/extra')).toBe('viewer');
    for (const method of ['PUT', 'POST', 'PATCH', 'DELETE']) {
      expect(requiredRole(method, '/api/v1/drawings/x')).toBe('operator');
      expect(requiredRole(method, '/api/v1/status')).toBe('operator');
    }
  });

  it('keeps the dead letters, reads included, for the operator', () => {
    expect(requiredRole('GET', '/api/v1/dead-letters')).toBe('operator');
    expect(requiredRole('POST', '/api/v1/dead-letters/1/replay')).toBe('operator');
    expect(requiredRole('GET', '/api/v1/dead-lettersx')).toBe('viewer');
    expect(requiredRole('GET', '/api/v1/reconciliation')).toBe('viewer');
  });

  it('keeps /metrics for the operator', () => {
    expect(requiredRole('GET', '/metrics')).toBe('operator');
    expect(requiredRole('GET', '/metrics/')).toBe('operator');
    expect(requiredRole('GET', '/metrics.js')).toBe('none');
  });
});
