import { canonicalJson } from '../json/canonical-json.ts';

/** Lower-case hex of a digest, with its algorithm named: `sha256-…`. */
export function sha256Label(digest: ArrayBuffer): string {
  return `sha256-${Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * Names params by content: key order and formatting cannot change it, so "was exactly this
 * version simulated" is an equality of hashes. WebCrypto, so the browser and the relay agree.
 */
export async function paramsHash(params: Record<string, unknown>): Promise<string> {
  return sha256Label(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(canonicalJson(params))));
}
