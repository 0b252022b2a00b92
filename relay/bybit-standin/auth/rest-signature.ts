import { createHmac, timingSafeEqual } from 'node:crypto';
import { RET, refusal, type Refusal } from '../trading/spot-ret-codes.ts';
import type { StandInCredentials } from './credentials.ts';

export interface SignedRequest {
  apiKey: string | undefined;
  sign: string | undefined;
  timestamp: string | undefined;
  recvWindow: string | undefined;
  /** The raw query string (GET, without "?") or the raw body (POST), byte for byte as sent. */
  payload: string;
}

/** Bybit's default when X-BAPI-RECV-WINDOW is absent. */
const DEFAULT_RECV_WINDOW = 5000;
/** A request may be stamped up to 1 s ahead of the server (docs/v5/guide: "timestamp < server_time + 1000"). */
const AHEAD_MS = 1000;

export function hmacHex(secret: string, text: string): string {
  return createHmac('sha256', secret).update(text).digest('hex');
}

export function sameHex(a: string, b: string): boolean {
  const left = Buffer.from(a.toLowerCase());
  const right = Buffer.from(b.toLowerCase());
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Bybit v5 HMAC auth (docs/v5/guide "Authentication"): sign = hex HMAC-SHA256(secret,
 * timestamp + apiKey + recvWindow + payload), accepted when
 * server_time - recvWindow <= timestamp < server_time + 1000. Checked in Bybit's order of
 * failures: key (10003), time window (10002), signature (10004, echoing the string it expected
 * to be signed as in fixtures/bybit-v5/rest/errors/10004.error-sign.moxt.json).
 */
export function checkRestSignature(request: SignedRequest, credentials: StandInCredentials, now: number): Refusal | null {
  if (request.apiKey !== credentials.apiKey) return refusal(RET.invalidKey);
  const timestamp = Number(request.timestamp);
  const recvWindow = request.recvWindow === undefined ? DEFAULT_RECV_WINDOW : Number(request.recvWindow);
  if (!Number.isInteger(timestamp) || !Number.isInteger(recvWindow) || recvWindow <= 0 || now - recvWindow > timestamp || timestamp >= now + AHEAD_MS) {
    return refusal(
      RET.recvWindow,
      `invalid request, please check your server timestamp or recv_window param. req_timestamp[${request.timestamp ?? ''}],server_timestamp[${now}],recv_window[${recvWindow}]`,
    );
  }
  const origin = `${request.timestamp}${request.apiKey}${request.recvWindow ?? ''}${request.payload}`;
  if (request.sign === undefined || !sameHex(request.sign, hmacHex(credentials.apiSecret, origin))) {
    return refusal(RET.sign, `error sign! origin_string[${origin}]`);
  }
  return null;
}
