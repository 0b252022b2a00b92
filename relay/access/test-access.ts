import type { SqliteDatabase } from '../storage/database.ts';
import type { AccessEvent } from './access-event.ts';
import { createCredentialStore } from './credential-store.ts';
import { createHostAllowlist } from './host-allowlist.ts';

/** Test support: the relay's default allowlist on loopback, with the events it reports kept. */
export function loopbackAccess(events: AccessEvent[] = []) {
  return { allowlist: createHostAllowlist('127.0.0.1', []), recordAccessEvent: (event: AccessEvent) => void events.push(event) };
}

/** A known operator token for tests, passed as OPERATOR_TOKEN or stored with `grantTestOperator`. */
export const TEST_OPERATOR_TOKEN = 'test-operator-token-0123456789abcdefghijklmnop';
export const OPERATOR_AUTH = { authorization: `Bearer ${TEST_OPERATOR_TOKEN}` } as const;

/** Makes TEST_OPERATOR_TOKEN the operator token of a database an app is built on directly. */
export function grantTestOperator(db: SqliteDatabase): void {
  createCredentialStore(db).setOperatorToken(TEST_OPERATOR_TOKEN);
}
