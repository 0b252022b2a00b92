import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes, base64url: the operator token, viewer tokens and session ids. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** What the database keeps instead of a secret; a lookup by hash also avoids a timing-leaky compare. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/**
 * A credential from the environment that prints as `[redacted]` wherever it is serialized (a log
 * line, a JSON body, an audit payload, util.inspect) even when its holder is: only `reveal()`,
 * at the one place that signs with it, gives the value.
 */
export class SecretValue {
  readonly #value: string;
  constructor(value: string) {
    this.#value = value;
  }
  reveal(): string {
    return this.#value;
  }
  toJSON(): string {
    return '[redacted]';
  }
  toString(): string {
    return '[redacted]';
  }
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return '[redacted]';
  }
}
