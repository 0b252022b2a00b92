import Dexie, { type Table } from 'dexie';
import { StrategyVersionSchema, type StrategyVersion } from '../../shared/strategy-versions/index.ts';
import { RelayUnreachableError } from '../market/api-client.ts';

/** The browser's copy of the relay's versions: read-only here, since only the relay can change a version's state. */
export class VersionsDb extends Dexie {
  versions!: Table<StrategyVersion, [string, number]>;

  constructor(name = 'portal-strategy-versions') {
    super(name);
    this.version(1).stores({ versions: '[strategyId+version], strategyId' });
  }
}

export interface VersionsRead {
  versions: StrategyVersion[];
  /** relay: fresh from the relay (and copied here); mirror: this browser's last copy, the relay being unreachable. */
  from: 'relay' | 'mirror';
  /** Why the copy is shown, in words; null when fresh. */
  problem: string | null;
}

/**
 * Reads a strategy's versions from the relay and keeps the browser's copy equal to that answer, so
 * the workbench still shows them when the relay cannot be reached. Only an unreachable relay falls
 * back to the copy: an error the relay answered is shown as it is. Rows that no longer parse (an
 * older schema) are left out rather than shown wrong.
 */
export function createVersionsMirror(db: VersionsDb, list: (strategyId: string) => Promise<StrategyVersion[]>) {
  return async function read(strategyId: string): Promise<VersionsRead> {
    try {
      const versions = await list(strategyId);
      await db.transaction('rw', db.versions, async () => {
        await db.versions.where('strategyId').equals(strategyId).delete();
        await db.versions.bulkPut(versions);
      });
      return { versions, from: 'relay', problem: null };
    } catch (err) {
      if (!(err instanceof RelayUnreachableError)) throw err;
      const rows = await db.versions.where('strategyId').equals(strategyId).toArray();
      const versions = rows.flatMap((row) => {
        const parsed = StrategyVersionSchema.safeParse(row);
        return parsed.success ? [parsed.data] : [];
      });
      return { versions, from: 'mirror', problem: err.message };
    }
  };
}
