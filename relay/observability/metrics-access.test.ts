import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { backtestReport } from '../../shared/backtest/index.ts';
import { BTC_CONFIG, btcColumns } from '../../shared/backtest/test-dataset.ts';
import { backtestRecord } from '../../shared/simulations/test-records.ts';
import { strategyEntry } from '../../shared/strategy/index.ts';
import { grantTestOperator, loopbackAccess, OPERATOR_AUTH } from '../access/test-access.ts';
import { createRelayApp } from '../app.ts';
import { createAuditLog } from '../audit/index.ts';
import { parseConfig } from '../config.ts';
import { openExecution } from '../execution/index.ts';
import { InMemoryMarketGateway } from '../market/in-memory-market-gateway.ts';
import { MarketService } from '../market/market-service.ts';
import { testSymbol } from '../market/test-symbols.ts';
import { openDatabase } from '../storage/database.ts';
import { isLoopbackAddress } from './metrics-router.ts';
import { createObservability } from './observability.ts';

const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

/** The app over the in-memory gateway, on loopback, with its own metrics registry. */
async function relayApp(metricsLoopbackOpen: boolean) {
  const root = mkdtempSync(join(tmpdir(), 'relay-metrics-'));
  const db = openDatabase(root);
  grantTestOperator(db);
  const gateway = new InMemoryMarketGateway([testSymbol('BTCUSDT', 'BTC')]);
  const market = new MarketService(gateway);
  const observability = createObservability();
  const audit = createAuditLog(db);
  const execution = await openExecution({ mode: 'paper', settings: parseConfig({}).execution, gateway, market, db, audit });
  const app = createRelayApp({
    config: { tradingMode: 'paper', bybitEnv: 'sim', metricsLoopbackOpen },
    gateway,
    market,
    db,
    execution,
    audit,
    logger: pino({ level: 'silent' }),
    distDir: join(root, 'no-dist'),
    access: loopbackAccess(),
    observability,
  });
  const server: Server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanup.push(() => rmSync(root, { recursive: true, force: true }), () => db.close(), () => market.close(), () => execution.close(), () => new Promise((r) => server.close(r)));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, observability };
}

describe('isLoopbackAddress', () => {
  it('knows this machine in IPv4, IPv6 and IPv4-mapped form, and nothing else', () => {
    for (const address of ['127.0.0.1', '127.3.2.1', '::1', '::ffff:127.0.0.1']) expect(isLoopbackAddress(address), address).toBe(true);
    for (const address of [undefined, '', '10.0.0.1', '::ffff:192.168.1.2', '128.0.0.1', '::2', '127.0.0.1.evil']) {
      expect(isLoopbackAddress(address), String(address)).toBe(false);
    }
  });
});

describe('/metrics access', () => {
  it('is the operator\'s by default, even from loopback', async () => {
    const { base } = await relayApp(false);
    expect((await fetch(`${base}/metrics`)).status).toBe(401);
    expect((await fetch(`${base}/metrics`, { headers: OPERATOR_AUTH })).status).toBe(200);
  });

  it('opens to a same-host scraper with METRICS_LOOPBACK_OPEN, and only /metrics', async () => {
    const { base } = await relayApp(true);
    const res = await fetch(`${base}/metrics`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('# TYPE relay_audit_chain_intact gauge');
    expect((await fetch(`${base}/api/v1/drawings?symbol=BTCUSDT`)).status).toBe(401);
  });
});

describe('simulation duration', () => {
  it('observes the duration the browser measured, once per newly recorded run', async () => {
    const { base, observability } = await relayApp(false);
    const { report } = await backtestReport(btcColumns(300), strategyEntry('ema-rsi').bind({ fastPeriod: 9 }), BTC_CONFIG);
    const record = { ...backtestRecord(report), durationMs: 1_500 };
    const post = () =>
      fetch(`${base}/api/v1/strategies/ema-rsi/simulate`, {
        method: 'POST',
        headers: { ...OPERATOR_AUTH, 'content-type': 'application/json' },
        body: JSON.stringify(record),
      });
    expect((await post()).status).toBe(201);
    expect((await post()).status).toBe(200);
    const text = await observability.metrics.registry.metrics();
    expect(text).toContain('relay_simulation_duration_seconds_count{kind="backtest"} 1');
    expect(text).toContain('relay_simulation_duration_seconds_sum{kind="backtest"} 1.5');
  });
});
