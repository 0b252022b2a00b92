import type { Logger } from 'pino';
import type { AuditRecorder } from '../audit/audit-log.ts';
import { createSimulationsStore } from '../simulations/simulations-store.ts';
import type { SqliteDatabase } from '../storage/database.ts';
import { createStrategyVersions, type StrategyVersions } from './strategy-versions.ts';
import { createVersionsStore } from './versions-store.ts';

/** The relay's strategy versions over its database, with its recorded simulation runs as the evidence. */
export function openStrategyVersions({ db, audit, logger }: { db: SqliteDatabase; audit: AuditRecorder; logger: Pick<Logger, 'error'> }): StrategyVersions {
  return createStrategyVersions({ store: createVersionsStore(db), simulations: createSimulationsStore(db), audit, logger });
}
