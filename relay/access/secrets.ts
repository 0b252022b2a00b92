import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes, base64url: the operator token, viewer tokens and session ids. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** What the database keeps instead of a secret; a lookup by hash also avoids a timing-leaky compare. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
