import type { RelayConfig } from '../config.ts';
import { openDatabase } from '../storage/database.ts';
import type { RecordAccessEvent } from './access-event.ts';
import { createCredentialStore } from './credential-store.ts';
import { loginUrl } from './login-url.ts';
import { readOrCreateOperatorToken, writeOperatorToken } from './operator-token-file.ts';
import { newSecret } from './secrets.ts';

export const TOKEN_COMMANDS = ['print', 'rotate', 'viewer'] as const;
export type TokenCommand = (typeof TOKEN_COMMANDS)[number];

export class TokenCommandError extends Error {
  override name = 'TokenCommandError';
}

/**
 * `npm run token -- print|rotate|viewer` against the relay's DATA_DIR, safe while the relay runs:
 * both read credentials from the same SQLite file, so a rotation ends every session at once.
 * Returns the login URL to show; it carries the secret, so it is printed, never logged.
 */
export function runTokenCommand(
  command: TokenCommand,
  config: Pick<RelayConfig, 'dataDir' | 'host' | 'port' | 'operatorToken'>,
  recordAccessEvent: RecordAccessEvent,
): string {
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const relayUrl = `http://${host}:${config.port}`;
  if (command === 'print') {
    return loginUrl(relayUrl, config.operatorToken ?? readOrCreateOperatorToken(config.dataDir).token);
  }
  if (command === 'rotate' && config.operatorToken !== null) {
    throw new TokenCommandError('OPERATOR_TOKEN is set in the environment and overrides operator.token; change it there instead');
  }
  const db = openDatabase(config.dataDir);
  try {
    const store = createCredentialStore(db);
    if (command === 'rotate') {
      const token = writeOperatorToken(config.dataDir);
      store.setOperatorToken(token);
      recordAccessEvent({ kind: 'token_rotation', at: new Date().toISOString(), role: 'operator' });
      return loginUrl(relayUrl, token);
    }
    const token = newSecret();
    store.addViewerToken(token);
    return loginUrl(relayUrl, token);
  } finally {
    db.close();
  }
}
