import { describe, expect, it } from 'vitest';
import { createHostAllowlist, isAllowedHost, isAllowedOrigin } from './host-allowlist.ts';
import { refuseByOrigin, type RequestOrigin } from './request-origin.ts';

const allowlist = createHostAllowlist('127.0.0.1', ['portal.local', 'localhost:5173']);
const PORT = 8080;

describe('isAllowedHost', () => {
  it('accepts the bound host, the loopback names and ALLOWED_HOSTS on the bound port', () => {
    for (const host of ['127.0.0.1:8080', 'localhost:8080', 'LOCALHOST:8080', '[::1]:8080', 'portal.local:8080', 'localhost:5173']) {
      expect(isAllowedHost(allowlist, host, PORT), host).toBe(true);
    }
  });

  it('refuses a rebinding name, another port, a missing port off 80, and junk', () => {
    for (const host of ['evil.example:8080', '127.0.0.1.evil.example:8080', 'localhost:8081', 'portal.local:5173', 'localhost', '', 'localhost:8080:1', '[::2]:8080']) {
      expect(isAllowedHost(allowlist, host, PORT), host).toBe(false);
    }
    expect(isAllowedHost(allowlist, undefined, PORT)).toBe(false);
    expect(isAllowedHost(allowlist, 'localhost', 80)).toBe(true);
  });

  it('adds an IPv6 bound host in brackets', () => {
    expect(isAllowedHost(createHostAllowlist('::1', []), '[::1]:8080', PORT)).toBe(true);
    expect(isAllowedHost(createHostAllowlist('0.0.0.0', []), '0.0.0.0:8080', PORT)).toBe(true);
  });
});

describe('isAllowedOrigin', () => {
  it('accepts the relay page and refuses other origins, null and non-http schemes', () => {
    expect(isAllowedOrigin(allowlist, 'http://127.0.0.1:8080', PORT)).toBe(true);
    expect(isAllowedOrigin(allowlist, 'http://localhost:5173', PORT)).toBe(true);
    for (const origin of ['http://evil.example:8080', 'null', 'file://', 'http://localhost', 'chrome-extension://abc', 'http://127.0.0.1:9999']) {
      expect(isAllowedOrigin(allowlist, origin, PORT), origin).toBe(false);
    }
  });
});

describe('refuseByOrigin', () => {
  const base: RequestOrigin = {
    method: 'PUT',
    host: '127.0.0.1:8080',
    origin: 'http://127.0.0.1:8080',
    fetchSite: 'same-origin',
    hasBearer: false,
    hasCookie: true,
    port: PORT,
  };
  const refusal = (patch: Partial<RequestOrigin>, upgrade = false) => refuseByOrigin(allowlist, { ...base, ...patch }, upgrade);

  it('lets a same-origin write, any same-host read and an Origin-less API client through', () => {
    expect(refusal({})).toBeNull();
    expect(refusal({ method: 'GET', origin: 'http://evil.example', fetchSite: 'cross-site' })).toBeNull();
    expect(refusal({ origin: undefined, fetchSite: undefined, hasCookie: false })).toBeNull();
    expect(refusal({ origin: undefined, fetchSite: undefined, hasBearer: true })).toBeNull();
    expect(refusal({ origin: undefined, fetchSite: undefined, method: 'GET' }, true)).toBeNull();
  });

  it('answers a foreign Host with 421 before anything else, reads included', () => {
    expect(refusal({ method: 'GET', host: 'evil.example:8080' })).toMatchObject({ status: 421, code: 'misdirected_host' });
    expect(refusal({ host: 'evil.example:8080' }, true)).toMatchObject({ status: 421 });
  });

  it('refuses a cross-site write, a cross-site upgrade and a cookie write without Origin', () => {
    expect(refusal({ origin: 'http://evil.example' })).toMatchObject({ status: 403, code: 'foreign_origin' });
    expect(refusal({ method: 'POST', origin: 'null' })).toMatchObject({ status: 403 });
    expect(refusal({ method: 'DELETE', origin: undefined, fetchSite: 'cross-site' })).toMatchObject({ status: 403 });
    expect(refusal({ method: 'GET', origin: 'http://evil.example' }, true)).toMatchObject({ status: 403 });
    expect(refusal({ method: 'PATCH', origin: undefined, fetchSite: undefined })).toMatchObject({ status: 403 });
  });
});
