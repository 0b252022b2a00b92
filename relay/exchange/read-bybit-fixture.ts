import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Real Bybit v5 bodies shipped in the repository (provenance in fixtures/bybit-v5/SOURCES.md). */
const FIXTURE_ROOT = fileURLToPath(new URL('../../fixtures/bybit-v5/', import.meta.url));

export function readBybitFixture(relativePath: string): unknown {
  return JSON.parse(readFileSync(FIXTURE_ROOT + relativePath, 'utf8'));
}
