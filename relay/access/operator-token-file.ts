import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { newSecret } from './secrets.ts';

export const OPERATOR_TOKEN_FILE = 'operator.token';

/** The operator token in DATA_DIR/operator.token, created (0600) on first start. */
export function readOrCreateOperatorToken(dataDir: string): { token: string; created: boolean } {
  const path = join(dataDir, OPERATOR_TOKEN_FILE);
  try {
    const token = readFileSync(path, 'utf8').trim();
    if (token !== '') return { token, created: false };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  return { token: writeOperatorToken(dataDir), created: true };
}

/** A fresh token replaces the file in one rename, so a reader never sees half a token. */
export function writeOperatorToken(dataDir: string): string {
  const token = newSecret();
  const path = join(dataDir, OPERATOR_TOKEN_FILE);
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, `${token}\n`, { mode: 0o600 });
  renameSync(temp, path);
  return token;
}
