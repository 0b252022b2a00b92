import { mkdtempSync, rmSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OPERATOR_AUTH, TEST_OPERATOR_TOKEN } from '../access/test-access.ts';
import { startBybitStandIn, type BybitStandIn } from '../bybit-standin/index.ts';
import { parseConfig } from '../config.ts';
import { startRelay, type RunningRelay } from '../server.ts';
import { createLogger } from './logger.ts';

export interface ObservedRelay {
  relay: RunningRelay;
  sim: BybitStandIn;
  dataDir: string;
  /** Every REST request the stand-in received, as it arrived. */
  upstreamRequests: Array<{ method: string; path: string; headers: IncomingHttpHeaders }>;
  /** The relay's log, one parsed JSON object a line, at debug level. */
  logLines(): Array<Record<string, unknown>>;
  auth: typeof OPERATOR_AUTH;
  close(): Promise<void>;
}

/**
 * Test support: a real relay whose Bybit is the stand-in on its own port (BYBIT_ENV=testnet with
 * both URLs overridden, the path a real deployment takes), so a test sees what reached "Bybit".
 * The stand-in's clock runs three minutes behind the wall clock, so the candles it closes are
 * visibly late (a test jumps it across a minute close with `sim.advanceTime`).
 */
export async function startObservedRelay(env: Record<string, string> = {}): Promise<ObservedRelay> {
  const upstreamRequests: ObservedRelay['upstreamRequests'] = [];
  const sim = await startBybitStandIn({
    realSymbols: ['BTCUSDT'],
    startTime: Date.now() - 3 * 60_000,
    onRestRequest: (request) => upstreamRequests.push(request),
  });
  const dataDir = mkdtempSync(join(tmpdir(), 'relay-observability-'));
  const lines: string[] = [];
  try {
    const config = parseConfig({
      PORT: '0',
      BYBIT_ENV: 'testnet',
      BYBIT_REST_URL: sim.restUrl,
      BYBIT_WS_PUBLIC_URL: sim.wsPublicSpotUrl,
      DATA_DIR: dataDir,
      OPERATOR_TOKEN: TEST_OPERATOR_TOKEN,
      ...env,
    });
    const logger = createLogger('debug', { write: (line: string) => void lines.push(line) });
    const relay = await startRelay(config, { logger, distDir: join(dataDir, 'no-dist') });
    return {
      relay,
      sim,
      dataDir,
      upstreamRequests,
      logLines: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
      auth: OPERATOR_AUTH,
      close: async () => {
        await relay.close();
        await sim.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await sim.close();
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
}
