import { Router, type NextFunction, type Request, type Response } from 'express';
import type { ParityResponse, RunnerStatusResponse } from '../../shared/runner/schemas.ts';
import { mountRoute } from '../http/api-route.ts';
import { sendApiError } from '../http/http-error.ts';
import { describeIssues } from '../http/json-request.ts';
import { RUNNER_API, StrategyIdParamsSchema } from './runner-api.ts';
import { UnknownRunError, type StrategyRunners } from './strategy-runners.ts';

export interface RunnerRouterDeps {
  /** Null when the relay runs no strategies (no versions store wired). */
  runners: Pick<StrategyRunners, 'status' | 'parity'> | null;
}

/** Read-only views of the live runner under /api/v1; declared in runner-api.ts. */
export function createRunnerRouter({ runners }: RunnerRouterDeps): Router {
  const router = Router();
  const handle = (work: (strategyId: string) => Promise<unknown> | unknown) => async (req: Request, res: Response, next: NextFunction) => {
    const params = StrategyIdParamsSchema.safeParse(req.params);
    if (!params.success) return sendApiError(res, 400, 'invalid_strategy_id', describeIssues(params.error));
    if (runners === null) return sendApiError(res, 404, 'no_running_version', `strategy ${params.data.id} has no running version: this relay runs no strategies`);
    try {
      res.json(await work(params.data.id));
    } catch (error) {
      if (error instanceof UnknownRunError) sendApiError(res, 404, 'no_running_version', error.message);
      else next(error);
    }
  };
  mountRoute(router, RUNNER_API.status, handle((id): RunnerStatusResponse => ({ runner: runners!.status(id) })));
  mountRoute(router, RUNNER_API.parity, handle((id): Promise<ParityResponse> => runners!.parity(id)));
  return router;
}
