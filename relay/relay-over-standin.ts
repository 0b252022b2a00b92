import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { OPERATOR_AUTH, TEST_OPERATOR_TOKEN } from './access/test-access.ts';
import { startBybitStandIn, type BybitStandIn, type BybitStandInOptions } from './bybit-standin/index.ts';
import { parseConfig } from './config.ts';
import { createBybitGateway } from './exchange/bybit-gateway.ts';
import type { MarketGateway } from './market/gateway.ts';
import { startRelay, type RelayDeps, type RunningRelay } from './server.ts';

export interface RelayOverStandIn {
  sim: BybitStandIn;
  /** Injected into the relay, so a test can also open feeds of its own on it. */
  gateway: MarketGateway;
  /** The relay now running (a new one after `restartRelay`). */
  relay: RunningRelay;
  /**
   * Stops the relay and starts it again on the same data folder and stand-in, as a process restart
   * would; `whileDown` acts on the stand-in in between, when nothing of the relay can see it.
   */
  restartRelay(whileDown?: () => void | Promise<void>): Promise<void>;
  /** Calls the relay's /api/v1 as the operator; the body is sent as JSON. */
  api(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }>;
  close(): Promise<void>;
}

/**
 * For integration tests: a real relay on an ephemeral port whose gateway talks to a Bybit stand-in
 * started with `standIn`, its data in a fresh temporary folder, signed in with TEST_OPERATOR_TOKEN.
 * `env` adds relay settings, given the stand-in (e.g. its REST URL for the signed side). It serves
 * no app unless `relayDeps.distDir` names the built one (browser tests).
 */
export async function startRelayOverStandIn(
  standIn: BybitStandInOptions,
  env: (sim: BybitStandIn) => Record<string, string> = () => ({}),
  relayDeps: Pick<RelayDeps, 'activeVersions' | 'distDir'> = {},
): Promise<RelayOverStandIn> {
  const dataDir = mkdtempSync(join(tmpdir(), 'relay-over-standin-'));
  const logger = pino({ level: 'silent' });
  const sim = await startBybitStandIn(standIn);
  const gateway = createBybitGateway({ restBaseUrl: sim.restUrl, wsPublicSpotUrl: sim.wsPublicSpotUrl, logger });
  const config = parseConfig({ PORT: '0', BYBIT_ENV: 'sim', DATA_DIR: dataDir, LOG_LEVEL: 'silent', OPERATOR_TOKEN: TEST_OPERATOR_TOKEN, ...env(sim) });
  const start = () => startRelay(config, { gateway, logger, distDir: join(dataDir, 'no-dist'), ...relayDeps });
  const setup: RelayOverStandIn = {
    sim,
    gateway,
    relay: await start(),
    async restartRelay(whileDown) {
      await setup.relay.close();
      await whileDown?.();
      setup.relay = await start();
    },
    async api(method, path, body) {
      const res = await fetch(`${setup.relay.url}/api/v1${path}`, {
        method,
        headers: { ...OPERATOR_AUTH, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: res.status, body: (await res.json()) as unknown };
    },
    close: async () => {
      await setup.relay.close();
      await gateway.close();
      await sim.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return setup;
}
