import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditQuerySchema } from '../../shared/audit/index.ts';
import { StatusResponseSchema } from '../../shared/market/index.ts';
import { parseConfig } from '../config.ts';
import { InMemoryMarketGateway } from '../market/in-memory-market-gateway.ts';
import { testSymbol } from '../market/test-symbols.ts';
import { startRelay, type RunningRelay } from '../server.ts';
import { openDatabase } from '../storage/database.ts';
import { createAuditLog } from './audit-log.ts';

/** The relay checks the chain it finds on disk at start and reports it in /status. */
describe('audit chain at relay start', () => {
  let dataDir: string;
  let relay: RunningRelay | undefined;
  const gateway = new InMemoryMarketGateway([testSymbol('BTCUSDT', 'BTC')]);

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'audit-start-'));
  });

  afterEach(async () => {
    await relay?.close();
    relay = undefined;
    rmSync(dataDir, { recursive: true, force: true });
  });

  const start = async () => {
    const config = parseConfig({ PORT: '0', BYBIT_ENV: 'sim', DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    relay = await startRelay(config, { gateway, logger: pino({ level: 'silent' }), distDir: join(dataDir, 'no-dist') });
    return relay;
  };
  const status = async (r: RunningRelay) => StatusResponseSchema.parse(await (await fetch(`${r.url}/api/v1/status`)).json());

  it('records its mode and environment (and the operator token a first start makes) and reports an intact chain', async () => {
    const r = await start();
    expect((await status(r)).audit).toEqual({ state: 'intact', rows: 2 });
    await r.close();
    relay = undefined;
    const db = openDatabase(dataDir);
    const { entries } = createAuditLog(db).page(AuditQuerySchema.parse({}));
    db.close();
    expect(entries.map((e) => [e.kind, e.actor, e.payload])).toEqual([
      ['access.token_rotation', null, { role: 'operator' }],
      ['config.change', null, { tradingMode: 'paper', bybitEnv: 'sim' }],
    ]);
  });

  it('reports a chain edited while the relay was stopped as broken, naming the row', async () => {
    const db = openDatabase(dataDir);
    const log = createAuditLog(db);
    log.append('config.change', { tradingMode: 'paper', bybitEnv: 'sim' });
    log.append('config.change', { tradingMode: 'paper', bybitEnv: 'sim' });
    db.exec('DROP TRIGGER audit_log_no_update');
    db.exec(`UPDATE audit_log SET payload = '{"bybitEnv":"mainnet","tradingMode":"live"}' WHERE seq = 2`);
    db.close();

    const r = await start();
    expect((await status(r)).audit).toEqual({
      state: 'broken',
      rows: 4,
      firstBadSeq: 2,
      message: 'row 2: hash does not match its content: the row was edited',
    });
  });
});
