import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBybitStandIn, type BybitStandIn } from '../bybit-standin/index.ts';
import { OPERATOR_AUTH, TEST_OPERATOR_TOKEN } from '../access/test-access.ts';
import { parseConfig } from '../config.ts';
import { createBybitGateway } from '../exchange/bybit-gateway.ts';
import { startRelay, type RunningRelay } from '../server.ts';
import { StreamTestClient } from '../stream/stream-test-client.ts';
import type { MarketGateway, UpstreamEvent } from './gateway.ts';

/** The relay, its real Bybit gateway and the stand-in: an in-relay consumer beside browser tabs. */
describe('an in-relay consumer of the upstream stream', () => {
  let sim: BybitStandIn;
  let gateway: MarketGateway;
  let relay: RunningRelay;
  let dataDir: string;
  const logger = pino({ level: 'silent' });

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'relay-feed-'));
    sim = await startBybitStandIn({ tickMs: 50, realSymbols: ['BTCUSDT'] });
    gateway = createBybitGateway({ restBaseUrl: sim.restUrl, wsPublicSpotUrl: sim.wsPublicSpotUrl, logger });
    const config = parseConfig({ PORT: '0', BYBIT_ENV: 'sim', DATA_DIR: dataDir, LOG_LEVEL: 'silent', OPERATOR_TOKEN: TEST_OPERATOR_TOKEN });
    relay = await startRelay(config, { gateway, logger, distDir: join(dataDir, 'no-dist') });
  });

  afterAll(async () => {
    await relay?.close();
    await gateway?.close();
    await sim?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps its feed when the last browser tab on the same topic closes', async () => {
    const tab = await StreamTestClient.connect(`${relay.url.replace('http', 'ws')}/api/v1/stream`, OPERATOR_AUTH);
    tab.send({ op: 'subscribe', topics: [{ kind: 'ticker', symbol: 'BTCUSDT' }] });
    await tab.next('ticker', (m) => m.ticker.symbol === 'BTCUSDT');

    const runner = gateway.openFeed();
    const ticks: UpstreamEvent[] = [];
    runner.onEvent((e) => ticks.push(e));
    runner.subscribe([{ kind: 'ticker', symbol: 'BTCUSDT' }]);
    tab.close();
    await tab.closed();
    await new Promise((resolve) => setTimeout(resolve, 300)); // the hub has released the tab's topics by now
    const before = ticks.length;
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(ticks.length).toBeGreaterThan(before);
    runner.release();
  });
});
