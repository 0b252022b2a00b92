import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Real Bybit v5 bodies, read in place from the shared fixtures beside the repository. */
const FIXTURE_ROOT = fileURLToPath(new URL('../../../shared/fixtures/bybit-v5/', import.meta.url));

export function readBybitFixture(relativePath: string): unknown {
  return JSON.parse(readFileSync(FIXTURE_ROOT + relativePath, 'utf8'));
}
