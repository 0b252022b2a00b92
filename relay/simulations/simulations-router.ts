import { Router, type Request, type Response } from 'express';
import { PostedSimulationRecordSchema, type RecordSimulationResponse, type SimulationRecord, type SimulationResponse } from '../../shared/simulations/index.ts';
import { STRATEGIES, STRATEGY_IDS } from '../../shared/strategy/index.ts';
import type { AuditRecorder } from '../audit/audit-log.ts';
import type { RelayObservability } from '../observability/observability.ts';
import { mountRoute } from '../http/api-route.ts';
import { sendApiError } from '../http/http-error.ts';
import { describeIssues, jsonBody } from '../http/json-request.ts';
import { simulationRunAudit } from './simulation-run-audit.ts';
import { SIMULATIONS_API } from './simulations-api.ts';
import type { SimulationsStore } from './simulations-store.ts';

export interface SimulationsRouterDeps {
  store: SimulationsStore;
  /** Each newly stored run is recorded as `simulation.run`; a re-post of the same run is not a new run. */
  audit: AuditRecorder;
  /** A newly recorded run's browser-measured duration goes to the simulation histogram. */
  observability?: Pick<RelayObservability, 'metrics'>;
  /** Told of each newly stored run before the answer, e.g. so a draft version it simulates becomes `simulated`. */
  onRecorded?: (simulation: SimulationRecord) => Promise<unknown>;
}

/**
 * Simulation-run records, mounted by the relay under /api/v1 (BRD §11):
 *   POST /strategies/:id/simulate -> { runId, created } (201 new, 200 same run posted again, 409 same runId other content)
 *   GET  /simulations/:runId      -> { simulation, recordedAt } or 404
 * The browser runs the backtest; the relay only keeps the evidence. Errors use `{ error: { code, message } }`.
 */
export function createSimulationsRouter({ store, audit, observability, onRecorded }: SimulationsRouterDeps): Router {
  const router = Router();

  mountRoute(router, SIMULATIONS_API.record, jsonBody('256kb'), async (req: Request, res: Response) => {
    const strategyId = String(req.params.id);
    const parsed = PostedSimulationRecordSchema.safeParse(req.body);
    if (!parsed.success) {
      sendApiError(res, 400, 'invalid_simulation', `invalid simulation run: ${describeIssues(parsed.error)}`);
      return;
    }
    if (parsed.data.run.strategy.id !== strategyId) {
      sendApiError(res, 400, 'strategy_mismatch', `body strategy ${parsed.data.run.strategy.id} does not match path strategy ${strategyId}`);
      return;
    }
    const paramsProblem = invalidParams(parsed.data);
    if (paramsProblem !== null) {
      sendApiError(res, 400, 'invalid_params', paramsProblem);
      return;
    }
    const outcome = store.record(parsed.data);
    if (outcome.status === 'conflict') {
      sendApiError(res, 409, 'run_conflict', `run ${outcome.runId} is already recorded with different content; runs are never changed`);
      return;
    }
    if (outcome.status === 'created') {
      audit.append('simulation.run', simulationRunAudit(parsed.data));
      if (parsed.data.durationMs !== undefined) observability?.metrics.observeSimulation(parsed.data.kind, parsed.data.durationMs / 1000);
      await onRecorded?.(parsed.data);
    }
    const body: RecordSimulationResponse = { runId: outcome.runId, created: outcome.status === 'created' };
    res.status(outcome.status === 'created' ? 201 : 200).json(body);
  });

  mountRoute(router, SIMULATIONS_API.get, (req: Request, res: Response) => {
    const runId = String(req.params.runId);
    const found = store.get(runId);
    if (found === undefined) {
      sendApiError(res, 404, 'unknown_simulation', `no simulation run with id ${runId}`);
      return;
    }
    const body: SimulationResponse = found;
    res.json(body);
  });

  return router;
}

/**
 * A run is evidence for exactly its params, so they must be params the strategy accepts: a
 * misspelt key would record a run of the defaults under a name nobody asked for. Checked on write
 * only, so a stored run stays readable after a strategy's bounds change.
 */
function invalidParams(record: SimulationRecord): string | null {
  const entry = STRATEGIES[record.run.strategy.id];
  if (!entry) return `unknown strategy "${record.run.strategy.id}"; expected one of ${STRATEGY_IDS.join(', ')}`;
  const problem = (field: string, params: unknown): string | null => {
    try {
      entry.parseParams(params);
      return null;
    } catch (error) {
      return `${field}: ${(error as Error).message}`;
    }
  };
  return problem('run.params', record.run.params) ?? (record.baselineParams === null ? null : problem('baselineParams', record.baselineParams));
}
