import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { RecordAccessEvent } from './access/access-event.ts';
import { auditAccessEvent } from './access/audit-access-events.ts';
import { createCredentialStore } from './access/credential-store.ts';
import { createHostAllowlist } from './access/host-allowlist.ts';
import { loginUrl } from './access/login-url.ts';
import { readOrCreateOperatorToken } from './access/operator-token-file.ts';
import { checkUpgrade } from './access/origin-guard.ts';
import { createSimulationPool, openAiAdvisor } from './ai/index.ts';
import { createRelayApp } from './app.ts';
import { createAuditLog } from './audit/audit-log.ts';
import type { RelayConfig } from './config.ts';
import { createBybitPrivateStream } from './execution/bybit-private-stream.ts';
import { BybitLiveVenue, openExecution } from './execution/index.ts';
import { createBybitGateway } from './exchange/bybit-gateway.ts';
import { createSignedBybitClient } from './exchange/bybit-private-calls.ts';
import { bybitEndpoints, type BybitEndpoints } from './exchange/bybit-endpoints.ts';
import type { MarketGateway } from './market/gateway.ts';
import { MarketService } from './market/market-service.ts';
import { createLogger } from './observability/logger.ts';
import { createObservability, type RelayObservability } from './observability/observability.ts';
import { watchUpstream } from './observability/watch-upstream.ts';
import type { StandInCredentials } from './bybit-standin/auth/credentials.ts';
import { startBybitStandIn } from './bybit-standin/index.ts';
import { openStrategyVersions } from './strategies/index.ts';
import type { ActiveVersionsSource } from './runner/active-versions-source.ts';
import { openStrategyRunners } from './runner/open-runners.ts';
import type { StrategyRunners } from './runner/strategy-runners.ts';
import { openDatabase } from './storage/database.ts';
import { StreamHub } from './stream/stream-hub.ts';
import { attachStreamServer } from './stream/stream-server.ts';

export interface RelayDeps {
  /** An injected gateway stays owned by the caller and is not closed with the relay. */
  gateway?: MarketGateway;
  logger?: Logger;
  distDir?: string;
  /** Also told of every login, logout, refusal and rotation (which always go to the log and the audit trail). */
  recordAccessEvent?: RecordAccessEvent;
  /** Overrides for tests, which need the bounds small to run fast. */
  httpTimeouts?: Partial<HttpTimeouts>;
  /** The strategy versions to run live; without it the relay runs no strategies. */
  activeVersions?: ActiveVersionsSource;
}

/** How long a client may take over each part of a request, ms. */
export interface HttpTimeouts {
  /** Until the request's headers are complete. */
  headersTimeout: number;
  /** Until the whole request, body included, has arrived. */
  requestTimeout: number;
  /** How long an idle keep-alive connection stays open. */
  keepAliveTimeout: number;
  /** How often Node looks for requests past headersTimeout/requestTimeout. */
  connectionsCheckingInterval: number;
}

/**
 * A local relay's requests are small (the largest body is 256 kb) and come over loopback, so a
 * few seconds is generous; Node's defaults (300 s for a request, checked every 30 s) let a few
 * slow or stuck clients hold sockets for minutes.
 */
export const DEFAULT_HTTP_TIMEOUTS: HttpTimeouts = {
  headersTimeout: 5_000,
  requestTimeout: 10_000,
  keepAliveTimeout: 5_000,
  connectionsCheckingInterval: 1_000,
};

export interface RunningRelay {
  url: string;
  /** `<url>/login?token=…` with the operator token: for the one line the trader is shown, never a log. */
  loginUrl: string;
  port: number;
  /** Its metrics registry and tracer; `observability.tracing.recentSpans()` is the in-memory exporter. */
  observability: RelayObservability;
  close(): Promise<void>;
}

type Closer = () => unknown;

/** Builds and starts the relay; with an unreachable exchange it still starts and keeps retrying. */
export async function startRelay(config: RelayConfig, deps: RelayDeps = {}): Promise<RunningRelay> {
  const logger = deps.logger ?? createLogger(config.logLevel);
  // Closed in reverse order of creation.
  const closers: Closer[] = [];
  const closeAll = async () => {
    for (const close of closers.splice(0).reverse()) {
      try {
        await close();
      } catch (err) {
        logger.warn({ err }, 'error while shutting down');
      }
    }
  };

  try {
    const observability = createObservability({ otlpEndpoint: config.otlpEndpoint, console: config.tracesToConsole });
    closers.push(() => observability.tracing.shutdown());
    const owned = deps.gateway === undefined ? await createOwnedGateway(config, closers, logger, observability) : null;
    const gateway: MarketGateway = deps.gateway ?? owned!.gateway;
    closers.push(watchUpstream(gateway.stream, observability.metrics));
    // The signed side talks to the same Bybit as the market data, or to BYBIT_REST_URL (and
    // BYBIT_WS_PRIVATE_URL) beside an injected gateway.
    const restBaseUrl = owned?.restBaseUrl ?? config.bybitRestUrl;
    const wsPrivateUrl = owned?.wsPrivateUrl ?? config.bybitWsPrivateUrl;

    const db = openDatabase(config.dataDir);
    closers.push(() => db.close());
    const audit = createAuditLog(db);
    // Checked before anything is appended, so the state reported is the one found on disk.
    const chain = audit.verify();
    if (chain.state === 'broken') logger.error({ audit: chain }, `audit log chain is BROKEN at seq ${chain.firstBadSeq}: ${chain.message}`);
    else logger.info({ audit: chain }, 'audit log chain intact');
    // What the relay runs as is evidence for everything after it; secrets never enter the log.
    audit.append('config.change', { tradingMode: config.tradingMode, bybitEnv: config.bybitEnv });

    const market = new MarketService(gateway, { tracer: observability.tracer });
    market.start();
    closers.push(() => market.close());

    // Without keys of its own, live against the in-process stand-in signs with the pair the stand-in made up (npm run demo).
    const signing = revealedKeys(config) ?? owned?.standInKeys ?? null;
    const liveVenue = config.tradingMode === 'live' && signing !== null && restBaseUrl !== null ? openLiveVenue(restBaseUrl, wsPrivateUrl, signing, logger) : null;
    // The kill switch halts the runner, which needs the execution service it halts: bound once both exist.
    let runners: StrategyRunners | null = null;
    const strategies = { haltAll: () => runners?.haltAll() ?? [] };
    const execution = await openExecution({
      mode: config.tradingMode,
      settings: config.execution,
      gateway,
      market,
      db,
      audit,
      liveVenue,
      strategies,
      countOrder: (venue, outcome) => observability.metrics.countOrder(venue, outcome),
      onReconciliation: (run) => observability.metrics.observeReconciliation(config.tradingMode, run),
    });
    closers.push(() => execution.close());
    observability.metrics.watch({
      bybitCircuit: () => liveVenue?.circuit?.().state ?? null,
      bybitPublicCircuit: () => gateway.restCircuit?.().state ?? null,
      deadLettersPending: () => execution.deadLetters?.pendingCount() ?? 0 });
    // One instance for the routes and (as ActiveVersions) the live runner, so activations reach it in-process.
    const versions = openStrategyVersions({ db, audit, logger });
    runners = await openStrategyRunners({ versions: deps.activeVersions ?? versions, gateway, market, execution, db, settings: config.execution, logger });
    closers.push(() => runners?.close());

    const accessLog = logger.child({ component: 'access' });
    const recordAccessEvent: RecordAccessEvent = (event) => {
      accessLog.info({ event }, `access ${event.kind}`);
      auditAccessEvent(audit, event);
      deps.recordAccessEvent?.(event);
    };
    const access = { allowlist: createHostAllowlist(config.host, config.allowedHosts), recordAccessEvent };
    const store = createCredentialStore(db);
    const operatorToken = config.operatorToken ?? readOrCreateOperatorToken(config.dataDir).token;
    if (store.setOperatorToken(operatorToken).changed) recordAccessEvent({ kind: 'token_rotation', at: new Date().toISOString(), role: 'operator' });
    const pool = createSimulationPool();
    closers.push(() => pool.close());
    const ai = { advisor: await openAiAdvisor(config, logger, closers), pool };
    const app = createRelayApp({ config, gateway, market, db, execution, runners, audit, logger, distDir: deps.distDir, access, observability, ai, versions });
    const { headersTimeout, requestTimeout, keepAliveTimeout, connectionsCheckingInterval } = {
      ...DEFAULT_HTTP_TIMEOUTS,
      ...deps.httpTimeouts,
    };
    const server = createServer({ headersTimeout, requestTimeout, keepAliveTimeout, connectionsCheckingInterval }, app);
    const hub = new StreamHub({
      upstream: gateway.openFeed(),
      validateSymbols: (symbols) => market.assertKnownSymbols(symbols),
      logger: logger.child({ component: 'stream' }),
    });
    observability.metrics.watch({ wsClients: () => hub.clientCount, droppedMessages: () => hub.droppedMessages });
    const closeStreams = attachStreamServer(server, hub, (req) => checkUpgrade({ ...access, store }, req));
    closers.push(
      () =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        }),
    );
    closers.push(closeStreams);
    closers.push(() => hub.close());

    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const { port } = server.address() as AddressInfo;
    const host = config.host.includes(':') ? `[${config.host}]` : config.host;
    const url = `http://${host}:${port}`;
    return { url, loginUrl: loginUrl(url, operatorToken), port, observability, close: closeAll };
  } catch (err) {
    await closeAll();
    throw err;
  }
}

async function createOwnedGateway(
  config: RelayConfig,
  closers: Closer[],
  logger: Logger,
  observability: RelayObservability,
): Promise<{ gateway: MarketGateway; restBaseUrl: string; wsPrivateUrl: string; standInKeys?: StandInCredentials }> {
  const { standInKeys, ...endpoints } = await resolveEndpoints(config, closers, logger);
  const gateway: MarketGateway = createBybitGateway({ restBaseUrl: endpoints.restBaseUrl, wsPublicSpotUrl: endpoints.wsPublicSpotUrl, logger, upstreamCalls: observability.upstreamCalls });
  closers.push(() => gateway.close());
  return { gateway, restBaseUrl: endpoints.restBaseUrl, wsPrivateUrl: endpoints.wsPrivateUrl, ...(standInKeys ? { standInKeys } : {}) };
}

/** The relay's own BYBIT_API_KEY / BYBIT_API_SECRET, for the signed calls and the stand-in that checks them; null when unset. */
function revealedKeys(config: RelayConfig): StandInCredentials | null {
  return config.bybit === null ? null : { apiKey: config.bybit.apiKey.reveal(), apiSecret: config.bybit.apiSecret.reveal() };
}

/** Signed REST, and the private stream when its URL is known (polling alone without it). */
function openLiveVenue(restBaseUrl: string, wsPrivateUrl: string | null, keys: StandInCredentials, logger: Logger): BybitLiveVenue {
  const { apiKey: key, apiSecret: secret } = keys;
  const privateStream = wsPrivateUrl === null ? undefined : createBybitPrivateStream({ wsUrl: wsPrivateUrl, key, secret, logger: logger.child({ component: 'bybit-private-stream' }) });
  return new BybitLiveVenue({ client: createSignedBybitClient(restBaseUrl, key, secret), ...(privateStream ? { privateStream } : {}) });
}

async function resolveEndpoints(config: RelayConfig, closers: Closer[], logger: Logger): Promise<BybitEndpoints & { standInKeys?: StandInCredentials }> {
  if (config.bybitEnv === 'sim') {
    // The in-process stand-in accepts exactly the relay's own key pair, so the signed path is the real one;
    // without one, a pair made up for this process only, so the demo's live mode signs offline.
    const keys = revealedKeys(config) ?? { apiKey: randomBytes(9).toString('hex'), apiSecret: randomBytes(18).toString('hex') };
    const sim = await startBybitStandIn(keys);
    closers.push(() => sim.close());
    logger.info({ restUrl: sim.restUrl, wsUrl: sim.wsPublicSpotUrl }, 'started the in-process Bybit stand-in');
    return { restBaseUrl: sim.restUrl, wsPublicSpotUrl: sim.wsPublicSpotUrl, wsPrivateUrl: sim.wsPrivateUrl, standInKeys: sim.credentials };
  }
  return bybitEndpoints(config.bybitEnv, {
    ...(config.bybitRestUrl ? { restBaseUrl: config.bybitRestUrl } : {}),
    ...(config.bybitWsPublicUrl ? { wsPublicSpotUrl: config.bybitWsPublicUrl } : {}),
    ...(config.bybitWsPrivateUrl ? { wsPrivateUrl: config.bybitWsPrivateUrl } : {}),
  });
}
