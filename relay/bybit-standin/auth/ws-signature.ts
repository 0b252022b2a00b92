import type { StandInCredentials } from './credentials.ts';
import { hmacHex, sameHex } from './rest-signature.ts';

/**
 * Bybit's private WS auth (docs/v5/ws/connect "Authentication"): `{"op":"auth","args":[apiKey,
 * expires, signature]}` with signature = hex HMAC-SHA256(secret, "GET/realtime" + expires) and
 * expires a future epoch in ms. Returns the reason for a refusal, or null. Bybit's failure
 * wording is not among the fixtures; these messages are the stand-in's own.
 */
export function checkWsAuth(args: unknown[], credentials: StandInCredentials, now: number): string | null {
  const [apiKey, expires, signature] = args;
  if (apiKey !== credentials.apiKey) return 'error:invalid api key';
  const expiresAt = typeof expires === 'number' ? expires : Number(expires);
  if (!Number.isInteger(expiresAt) || expiresAt <= now) return 'error:expires is in the past';
  if (typeof signature !== 'string' || !sameHex(signature, hmacHex(credentials.apiSecret, `GET/realtime${String(expires)}`))) return 'error:signature invalid';
  return null;
}
