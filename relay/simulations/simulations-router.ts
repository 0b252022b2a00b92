import { Router, type Request, type Response } from 'express';
import { SimulationRecordSchema, type RecordSimulationResponse, type SimulationResponse } from '../../shared/simulations/index.ts';
import type { AuditRecorder } from '../audit/audit-log.ts';
import { sendApiError } from '../http/http-error.ts';
import { describeIssues, jsonBody } from '../http/json-request.ts';
import { simulationRunAudit } from './simulation-run-audit.ts';
import type { SimulationsStore } from './simulations-store.ts';

export interface SimulationsRouterDeps {
  store: SimulationsStore;
  /** Each newly stored run is recorded as `simulation.run`; a re-post of the same run is not a new run. */
  audit: AuditRecorder;
}

/**
 * Simulation-run records, mounted by the relay under /api/v1 (BRD §11):
 *   POST /strategies/:id/simulate -> { runId, created } (201 new, 200 same run posted again, 409 same runId other content)
 *   GET  /simulations/:runId      -> { simulation, recordedAt } or 404
 * The browser runs the backtest; the relay only keeps the evidence. Errors use `{ error: { code, message } }`.
 */
export function createSimulationsRouter({ store, audit }: SimulationsRouterDeps): Router {
  const router = Router();

  router.post('/strategies/:id/simulate', jsonBody('256kb'), (req: Request, res: Response) => {
    const strategyId = String(req.params.id);
    const parsed = SimulationRecordSchema.safeParse(req.body);
    if (!parsed.success) {
      sendApiError(res, 400, 'invalid_simulation', `invalid simulation run: ${describeIssues(parsed.error)}`);
      return;
    }
    if (parsed.data.run.strategy.id !== strategyId) {
      sendApiError(res, 400, 'strategy_mismatch', `body strategy ${parsed.data.run.strategy.id} does not match path strategy ${strategyId}`);
      return;
    }
    const outcome = store.record(parsed.data);
    if (outcome.status === 'conflict') {
      sendApiError(res, 409, 'run_conflict', `run ${outcome.runId} is already recorded with different content; runs are never changed`);
      return;
    }
    if (outcome.status === 'created') audit.append('simulation.run', simulationRunAudit(parsed.data));
    const body: RecordSimulationResponse = { runId: outcome.runId, created: outcome.status === 'created' };
    res.status(outcome.status === 'created' ? 201 : 200).json(body);
  });

  router.get('/simulations/:runId', (req: Request, res: Response) => {
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
