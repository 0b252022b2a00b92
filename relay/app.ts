import { fileURLToPath } from 'node:url';
import type { SimulationRecord } from '../shared/simulations/schemas.ts';
import express, { type Express } from 'express';
import type { Logger } from 'pino';
import type { RecordAccessEvent } from './access/access-event.ts';
import { createAiReviewRouter, createSimulationPool, type Advisor, type SimulationPool } from './ai/index.ts';
import type { HostAllowlist } from './access/host-allowlist.ts';
import { createLoginLinkRouter, createSessionRouter, roleGuard } from './access/access-routes.ts';
import { createCredentialStore } from './access/credential-store.ts';
import { originGuard } from './access/origin-guard.ts';
import { securityHeaders } from './access/security-headers.ts';
import { createAuditLog, createAuditRouter, type AuditLog } from './audit/index.ts';
import type { RelayConfig } from './config.ts';
import { createDrawingsRouter, createDrawingsStore } from './drawings/index.ts';
import { createOrdersRouter, createReconciliationRouter, type ExecutionService } from './execution/index.ts';
import { createLiveArmRouter } from './trading/live-arm-router.ts';
import { createLayoutsRouter, createLayoutsStore } from './layouts/index.ts';
import { createIndicatorsRouter } from './indicators/indicators-router.ts';
import { apiErrorHandler, sendApiError } from './http/http-error.ts';
import { createApiStack } from './http/api-stack.ts';
import { createMarketRouter } from './http/market-routes.ts';
import { requestContext } from './http/request-context.ts';
import { createSpaRouter } from './http/spa-static.ts';
import { createRunnerRouter } from './runner/runner-router.ts';
import type { StrategyRunners } from './runner/strategy-runners.ts';
import { createSimulationsRouter, createSimulationsStore } from './simulations/index.ts';
import { createStrategiesRouter, openStrategyVersions, type StrategyVersions } from './strategies/index.ts';
import { createMetricsRouter, metricsLoopbackWaiver } from './observability/metrics-router.ts';
import { createObservability, type RelayObservability } from './observability/observability.ts';
import { createWatchlistRouter, createWatchlistStore } from './watchlist/index.ts';
import type { MarketGateway } from './market/gateway.ts';
import type { MarketService } from './market/market-service.ts';
import { createOpenApiRouter } from './openapi/openapi-router.ts';
import { API_BASE } from './openapi/route-catalogue.ts';
import type { SqliteDatabase } from './storage/database.ts';

const DEFAULT_DIST_DIR = fileURLToPath(new URL('../dist', import.meta.url));

export interface RelayAppDeps {
  config: Pick<RelayConfig, 'tradingMode' | 'bybitEnv'> & Partial<Pick<RelayConfig, 'metricsLoopbackOpen'>>;
  gateway: MarketGateway;
  /** The cached, health-tracked read side over `gateway`; its owner starts and closes it. */
  market: MarketService;
  db: SqliteDatabase;
  /** Order execution for the trading mode (relay/execution/openExecution); its owner closes it. */
  execution: ExecutionService;
  /** The live strategy runner; null or absent when the relay runs no strategies. */
  runners?: StrategyRunners | null;
  /** Defaults to the log in `db`; the server passes the one it verified at start. */
  audit?: AuditLog;
  logger: Logger;
  distDir?: string;
  access: { allowlist: HostAllowlist; recordAccessEvent: RecordAccessEvent };
  /** The relay's metrics and tracer; a fresh set (own registry, in-memory spans) when absent. */
  observability?: RelayObservability;
  /** The AI review's advisor (null: the local one) and simulation workers; no AI and a pool of its own when absent. */
  ai?: { advisor: Advisor | null; pool: SimulationPool };
  /** Strategy versions and the approval gate; the server shares it with the runner as ActiveVersions. Defaults to one over `db`. */
  versions?: StrategyVersions;
}

/** HTTP surface of the relay: JSON API under /api/v1 and the built SPA everywhere else. */
export function createRelayApp({
  config,
  gateway,
  market,
  db,
  execution,
  runners = null,
  audit = createAuditLog(db),
  logger,
  access,
  distDir = DEFAULT_DIST_DIR,
  observability = createObservability(),
  ai = { advisor: null, pool: createSimulationPool() },
  versions = openStrategyVersions({ db, audit, logger }),
}: RelayAppDeps): Express {
  observability.metrics.watch({ auditChainIntact: () => audit.state().state === 'intact' });
  const app = express();
  app.disable('x-powered-by');
  app.use(requestContext(logger, observability));
  app.use(securityHeaders());
  app.use(originGuard(access.allowlist, access.recordAccessEvent));
  const credentials = { store: createCredentialStore(db), recordAccessEvent: access.recordAccessEvent };
  app.use(roleGuard(credentials, metricsLoopbackWaiver(config.metricsLoopbackOpen ?? false)));
  app.use(createLoginLinkRouter(credentials));
  app.use(createMetricsRouter(observability.metrics));

  const simulations = createSimulationsStore(db);
  // A comparison recorded by a browser or by the review loop is evidence for drafts of its params.
  const noteSimulation = (run: SimulationRecord) => versions.noteSimulation(run);
  const routers = [
    createSessionRouter(credentials),
    createMarketRouter({ config, market, gateway, auditState: () => audit.state(), bybitCircuit: () => execution.circuit(), liveArm: () => execution.liveArmState() }),
    createIndicatorsRouter({ gateway: market }),
    createDrawingsRouter({ store: createDrawingsStore(db), audit }),
    createLayoutsRouter({ store: createLayoutsStore(db) }),
    createWatchlistRouter({ store: createWatchlistStore(db), audit }),
    createSimulationsRouter({ store: simulations, audit, observability, onRecorded: noteSimulation }),
    createAiReviewRouter({ db, market, simulations, audit, ...ai, onRecorded: noteSimulation }),
    createStrategiesRouter({ versions }),
    createAuditRouter({ audit }),
    createOrdersRouter({ execution }),
    createRunnerRouter({ runners }),
    createReconciliationRouter({ execution, audit }),
    createLiveArmRouter({ execution }),
    createOpenApiRouter(),
  ];
  app.use(API_BASE, createApiStack(routers, logger));
  app.use('/api', (req, res) =>
    sendApiError(res, 404, 'not_found', `no API route ${req.method} ${req.originalUrl}; the API lives under /api/v1`),
  );

  app.use(createSpaRouter(distDir));
  app.use(apiErrorHandler(logger));
  return app;
}
