import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditQuerySchema } from '../../shared/audit/index.ts';
import type { StrategyVersion } from '../../shared/strategy-versions/index.ts';
import { createAuditLog, type AuditLog } from '../audit/audit-log.ts';
import { createSimulationsStore } from '../simulations/simulations-store.ts';
import { openDatabase, type SqliteDatabase } from '../storage/database.ts';
import { createStrategyVersions, VersionRefusal, type StrategyVersions } from './strategy-versions.ts';
import { createVersionsStore, type VersionsStore } from './versions-store.ts';

let dataDir: string;
let db: SqliteDatabase;
let store: VersionsStore;
let audit: AuditLog;
let versions: StrategyVersions;
const logged: unknown[] = [];

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'strategy-versions-'));
  db = openDatabase(dataDir);
  store = createVersionsStore(db);
  audit = createAuditLog(db);
  logged.length = 0;
  versions = createStrategyVersions({ store, simulations: createSimulationsStore(db), audit, logger: { error: (entry: unknown) => void logged.push(entry) } });
});

afterEach(() => {
  db.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/**
 * A version in the state an approval leaves it, written at the store: the approval gate itself is
 * tried through HTTP in strategies-router.test.ts; here it is what activation starts from.
 */
async function approved(fastPeriod: number): Promise<number> {
  const { version } = await versions.create('ema-rsi', { params: { fastPeriod }, market: { symbol: 'BTCUSDT', interval: '1m' }, note: '' }, 'operator');
  store.transition([
    { strategyId: 'ema-rsi', version, from: 'draft', to: 'simulated', actor: null, evidenceRunId: 'run' },
    { strategyId: 'ema-rsi', version, from: 'simulated', to: 'approved', actor: 'operator', evidenceRunId: 'run' },
  ]);
  return version;
}

const refusal = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    if (error instanceof VersionRefusal) return { status: error.status, code: error.code, message: error.message };
    throw error;
  }
  throw new Error('not refused');
};

describe('activation, rollback and the ActiveVersions seam', () => {
  it('switches the active version, steps the previous one back to approved, and tells the listeners each time', async () => {
    const [v1, v2] = [await approved(9), await approved(10)];
    const told: Array<[string, number | undefined]> = [];
    const stop = versions.onChange((strategyId, active) => told.push([strategyId, active?.version]));

    expect(versions.activate('ema-rsi', v1, 'operator')).toMatchObject({ active: { version: v1, approvalState: 'active' }, previous: null });
    const second = versions.activate('ema-rsi', v2, 'operator');
    expect([second.active.version, second.previous?.version, second.previous?.approvalState]).toEqual([v2, v1, 'approved']);
    expect(versions.active('ema-rsi')?.version).toBe(v2);
    expect(versions.allActive().map((v: StrategyVersion) => [v.strategyId, v.version])).toEqual([['ema-rsi', v2]]);
    expect(versions.active('donchian-atr')).toBeUndefined();

    const back = versions.rollback('ema-rsi', 'operator');
    expect([back.active.version, back.previous?.version]).toEqual([v1, v2]);
    expect(versions.detail('ema-rsi', v1).transitions.at(-1)).toMatchObject({ from: 'approved', to: 'active', reason: `rollback from version ${v2}`, actor: 'operator' });
    // A second rollback undoes the first.
    expect(versions.rollback('ema-rsi', 'operator').active.version).toBe(v2);
    expect(told).toEqual([
      ['ema-rsi', v1],
      ['ema-rsi', v2],
      ['ema-rsi', v1],
      ['ema-rsi', v2],
    ]);

    stop();
    versions.rollback('ema-rsi', 'operator');
    expect(told).toHaveLength(4);

    const activations = audit.page(AuditQuerySchema.parse({ kind: 'strategy.activation' })).entries.reverse();
    expect(activations.slice(0, 3).map((e) => [e.payload.version, e.payload.from, e.payload.to, e.actor])).toEqual([
      [v1, 'approved', 'active', 'operator'],
      [v1, 'active', 'approved', 'operator'],
      [v2, 'approved', 'active', 'operator'],
    ]);
  });

  it('refuses to activate anything but an approved version and to roll back past the first activation', async () => {
    const v1 = await approved(9);
    const { version: draft } = await versions.create('ema-rsi', { params: {}, market: { symbol: 'BTCUSDT', interval: '1m' }, note: '' }, 'operator');
    expect(refusal(() => versions.activate('ema-rsi', draft, 'operator'))).toMatchObject({ status: 409, code: 'not_approved' });
    versions.activate('ema-rsi', v1, 'operator');
    expect(refusal(() => versions.activate('ema-rsi', v1, 'operator'))).toEqual({
      status: 409,
      code: 'not_approved',
      message: 'version 1 of ema-rsi is active; only an approved version can be activated',
    });
    expect(refusal(() => versions.rollback('ema-rsi', 'operator'))).toEqual({
      status: 409,
      code: 'nothing_to_roll_back',
      message: 'version 1 is the first version of ema-rsi ever activated; there is no earlier active version to return to',
    });
    expect(refusal(() => versions.reject('ema-rsi', v1, { reason: 'no' }, 'operator'))).toMatchObject({ status: 409, code: 'invalid_transition' });
  });

  it('keeps an activation made when a listener throws, and logs the listener', async () => {
    const v1 = await approved(9);
    versions.onChange(() => {
      throw new Error('runner broke');
    });
    expect(versions.activate('ema-rsi', v1, 'operator').active.version).toBe(v1);
    expect(versions.active('ema-rsi')?.version).toBe(v1);
    expect(logged).toHaveLength(1);
  });

  it('derives a new version from the active one by default', async () => {
    const v1 = await approved(9);
    await approved(10);
    versions.activate('ema-rsi', v1, 'operator');
    const next = await versions.create('ema-rsi', { params: { fastPeriod: 11 }, market: { symbol: 'BTCUSDT', interval: '1m' }, note: '' }, 'operator');
    expect([next.version, next.parentVersion]).toEqual([3, v1]);
  });
});
