import { describe, expect, it } from 'vitest';
import { paramsHash } from './params-hash.ts';

describe('paramsHash', () => {
  it('is SHA-256 of the canonical JSON, whatever the key order', async () => {
    // printf '{"a":1,"b":[2,3]}' | sha256sum
    const expected = 'sha256-efbd0040190fb0871831e606c581f8a66db79d8e2bb836745a70051306956070';
    expect(await paramsHash({ b: [2, 3], a: 1 })).toBe(expected);
    expect(await paramsHash({ a: 1, b: [2, 3] })).toBe(expected);
  });
});
