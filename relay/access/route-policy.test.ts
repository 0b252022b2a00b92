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
    expect(requiredRole('GET', '/api/v1/status/extra')).toBe('viewer');
    for (const method of ['PUT', 'POST', 'PATCH', 'DELETE']) {
      expect(requiredRole(method, '/api/v1/drawings/x')).toBe('operator');
      expect(requiredRole(method, '/api/v1/status')).toBe('operator');
    }
  });
});
