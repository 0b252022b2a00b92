import type { SqliteDatabase } from '../storage/database.ts';
import { RoleSchema, type Role } from './access-event.ts';
import { hashSecret, newSecret } from './secrets.ts';

/** Tokens and sessions, by hash, in the relay database (shared with the token CLI). */
export interface CredentialStore {
  roleOfToken(token: string): Role | null;
  /** Makes `token` the one operator token; a different one than before also ends every session. */
  setOperatorToken(token: string): { changed: boolean };
  addViewerToken(token: string): void;
  /** A new session id for `role`; only its hash is stored. */
  createSession(role: Role): string;
  roleOfSession(id: string): Role | null;
  endSession(id: string): void;
}

export function createCredentialStore(db: SqliteDatabase): CredentialStore {
  const roleByHash = db.prepare<[string], { role: string }>('SELECT role FROM access_credentials WHERE secret_hash = ?');
  const insertCredential = db.prepare<[string, Role, string]>('INSERT OR IGNORE INTO access_credentials (secret_hash, role, created_at) VALUES (?, ?, ?)');
  const deleteOperators = db.prepare("DELETE FROM access_credentials WHERE role = 'operator'");
  const deleteSessions = db.prepare('DELETE FROM access_sessions');
  const insertSession = db.prepare<[string, Role, string]>('INSERT INTO access_sessions (id_hash, role, created_at) VALUES (?, ?, ?)');
  const sessionRole = db.prepare<[string], { role: string }>('SELECT role FROM access_sessions WHERE id_hash = ?');
  const deleteSession = db.prepare<[string]>('DELETE FROM access_sessions WHERE id_hash = ?');

  const roleOf = (row: { role: string } | undefined): Role | null => (row ? RoleSchema.parse(row.role) : null);

  return {
    roleOfToken: (token) => roleOf(roleByHash.get(hashSecret(token))),
    setOperatorToken: db.transaction((token: string) => {
      const hash = hashSecret(token);
      if (roleOf(roleByHash.get(hash)) === 'operator') return { changed: false };
      deleteOperators.run();
      deleteSessions.run();
      insertCredential.run(hash, 'operator', new Date().toISOString());
      return { changed: true };
    }),
    addViewerToken: (token) => void insertCredential.run(hashSecret(token), 'viewer', new Date().toISOString()),
    createSession: (role) => {
      const id = newSecret();
      insertSession.run(hashSecret(id), role, new Date().toISOString());
      return id;
    },
    roleOfSession: (id) => roleOf(sessionRole.get(hashSecret(id))),
    endSession: (id) => void deleteSession.run(hashSecret(id)),
  };
}
