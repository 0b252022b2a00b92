import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkRestSignature } from './rest-signature.ts';

const credentials = { apiKey: 'KEY', apiSecret: 'SECRET' };
const NOW = 1_700_000_000_000;

function signed(timestamp: number, payload: string, secret = 'SECRET') {
  const sign = createHmac('sha256', secret).update(`${timestamp}KEY5000${payload}`).digest('hex');
  return { apiKey: 'KEY', sign, timestamp: String(timestamp), recvWindow: '5000', payload };
}

describe('checkRestSignature (Bybit v5 HMAC)', () => {
  it('accepts a request signed over timestamp + key + recvWindow + payload inside the window', () => {
    expect(checkRestSignature(signed(NOW - 4999, '{"a":1}'), credentials, NOW)).toBeNull();
    expect(checkRestSignature(signed(NOW + 999, 'category=spot'), credentials, NOW)).toBeNull();
  });

  it('refuses an unknown key, a stamp outside the window, and a wrong signature, in that order', () => {
    expect(checkRestSignature({ ...signed(NOW, ''), apiKey: 'OTHER' }, credentials, NOW)?.retCode).toBe(10003);
    expect(checkRestSignature(signed(NOW - 5001, ''), credentials, NOW)?.retCode).toBe(10002);
    expect(checkRestSignature(signed(NOW + 1000, ''), credentials, NOW)?.retCode).toBe(10002);
    expect(checkRestSignature(signed(NOW, 'x', 'WRONG'), credentials, NOW)).toEqual({ retCode: 10004, retMsg: `error sign! origin_string[${NOW}KEY5000x]` });
  });

  it('signs the payload byte for byte: a reordered body is a different request', () => {
    const request = signed(NOW, '{"a":1,"b":2}');
    expect(checkRestSignature({ ...request, payload: '{"b":2,"a":1}' }, credentials, NOW)?.retCode).toBe(10004);
  });
});
