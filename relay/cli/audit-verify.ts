/**
 * `npm run audit:verify [-- --data-dir <dir>]`: walks the relay's audit log chain (DATA_DIR, default
 * ./data) and exits 0 with the row count when intact, 1 naming the first bad row when any row was
 * edited, deleted, inserted or reordered, 2 when there is no database or audit log to check.
 */
import { parseArgs } from 'node:util';
import { createAuditLog } from '../audit/audit-log.ts';
import { openDatabaseReadOnly, type SqliteDatabase } from '../storage/database.ts';

function fail(code: number, message: string): never {
  process.stderr.write(`audit:verify: ${message}\n`);
  process.exit(code);
}

let dataDir: string;
try {
  const { values } = parseArgs({ options: { 'data-dir': { type: 'string' } }, strict: true });
  dataDir = values['data-dir'] ?? process.env.DATA_DIR ?? './data';
} catch (error) {
  fail(2, `${(error as Error).message}; usage: npm run audit:verify -- [--data-dir <dir>]`);
}

let db: SqliteDatabase;
try {
  db = openDatabaseReadOnly(dataDir);
} catch (error) {
  fail(2, `cannot open the relay database in ${dataDir}: ${(error as Error).message}`);
}
const hasLog = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_log'").get() !== undefined;
if (!hasLog) fail(2, `the database in ${dataDir} has no audit_log table; start the relay once to create it`);

const state = createAuditLog(db).verify();
db.close();
if (state.state === 'broken') fail(1, `audit log BROKEN at seq ${state.firstBadSeq} (${state.rows} rows): ${state.message}`);
process.stdout.write(`audit log intact: ${state.rows} rows\n`);
