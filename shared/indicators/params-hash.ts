import { canonicalJson } from '../json/canonical-json.ts';
import type { IndicatorSpec } from './schemas.ts';

const FNV64_OFFSET = 0xcbf29ce484222325n;
const FNV64_PRIME = 0x100000001b3n;
const MASK64 = 0xffffffffffffffffn;

/** FNV-1a 64 over UTF-8 bytes: synchronous in browser and Node, no dependency; not cryptographic. */
export function fnv1a64(text: string): string {
  let hash = FNV64_OFFSET;
  for (const byte of new TextEncoder().encode(text)) {
    hash = ((hash ^ BigInt(byte)) * FNV64_PRIME) & MASK64;
  }
  return hash.toString(16).padStart(16, '0');
}

/**
 * Key part of a stored indicator series. Hashes the parsed parameters (defaults applied), so
 * `{}` and `{"period":20}` for SMA share one hash; the indicator name is a separate key part.
 */
export function paramsHash(spec: IndicatorSpec): string {
  return fnv1a64(canonicalJson(spec.params));
}
