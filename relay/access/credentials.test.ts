import { describe, expect, it } from 'vitest';
import { cookieValue, refuseByRole } from './credentials.ts';
import { withoutToken } from './login-url.ts';

describe('cookieValue', () => {
  it('finds one cookie among others and ignores look-alikes', () => {
    expect(cookieValue('a=1; relay_session=abc; b=2', 'relay_session')).toBe('abc');
    expect(cookieValue('xrelay_session=abc', 'relay_session')).toBeUndefined();
    expect(cookieValue(undefined, 'relay_session')).toBeUndefined();
  });
});

describe('refuseByRole', () => {
  it('is 401 without or with dead credentials, 403 for a viewer on an operator route', () => {
    expect(refuseByRole({ kind: 'none' }, 'viewer')).toMatchObject({ status: 401, code: 'unauthenticated' });
    expect(refuseByRole({ kind: 'bearer', role: null }, 'viewer')?.message).toContain('bearer token is not valid');
    expect(refuseByRole({ kind: 'session', id: 'x', role: null }, 'viewer')?.message).toContain('session has ended');
    expect(refuseByRole({ kind: 'bearer', role: 'viewer' }, 'operator')).toMatchObject({ status: 403, code: 'forbidden' });
    expect(refuseByRole({ kind: 'bearer', role: 'viewer' }, 'viewer')).toBeNull();
    expect(refuseByRole({ kind: 'session', id: 'x', role: 'operator' }, 'operator')).toBeNull();
  });
});

describe('withoutToken', () => {
  it('hides a token query value wherever it sits', () => {
    expect(withoutToken('/login?token=s3cret')).toBe('/login?token=[redacted]');
    expect(withoutToken('/login?a=1&TOKEN=s3cret&b=2')).toBe('/login?a=1&TOKEN=[redacted]&b=2');
    expect(withoutToken('/api/v1/status')).toBe('/api/v1/status');
  });
});
