import { Router } from 'express';
import { DeadLettersQuerySchema, type DeadLettersResponse, type ReconciliationState, type ReplayDeadLetterResponse } from '../../shared/execution/index.ts';
import type { AuditRecorder } from '../audit/audit-log.ts';
import { mountRoute } from '../http/api-route.ts';
import { describeIssues } from '../http/json-request.ts';
import { replayDeadLetter } from './dead-letter-replay.ts';
import { OrderRefusal, type ExecutionService } from './execution-service.ts';
import { answeringRefusals } from './orders-router.ts';
import { DeadLetterIdParamsSchema, RECONCILIATION_API } from './reconciliation-api.ts';

export interface ReconciliationRouterDeps {
  execution: ExecutionService;
  audit: AuditRecorder;
}

/** Only the operator reaches the write route (relay/access), so the audit actor is that role. */
const ACTOR = 'operator';

/** Reconciliation state and the dead letters under /api/v1; declared in reconciliation-api.ts. */
export function createReconciliationRouter({ execution, audit }: ReconciliationRouterDeps): Router {
  const router = Router();
  const deadLetters = () => {
    if (execution.deadLetters === undefined) throw new OrderRefusal(503, 'dead_letters_unavailable', 'this relay keeps no dead letters');
    return execution.deadLetters;
  };

  mountRoute(
    router,
    RECONCILIATION_API.state,
    answeringRefusals((_req, res) => {
      const { reconciliation } = execution;
      if (reconciliation === undefined) throw new OrderRefusal(503, 'reconciliation_unavailable', `${execution.mode} trading has no venue in this relay to reconcile with`);
      const body: ReconciliationState = reconciliation.state();
      res.set('cache-control', 'no-store').json(body);
    }),
  );

  mountRoute(
    router,
    RECONCILIATION_API.deadLetters,
    answeringRefusals((req, res) => {
      const query = DeadLettersQuerySchema.safeParse(req.query);
      if (!query.success) throw new OrderRefusal(400, 'invalid_query', describeIssues(query.error));
      const body: DeadLettersResponse = { deadLetters: deadLetters().list(query.data) };
      res.json(body);
    }),
  );

  mountRoute(
    router,
    RECONCILIATION_API.replay,
    answeringRefusals((req, res) => {
      const params = DeadLetterIdParamsSchema.safeParse(req.params);
      if (!params.success) throw new OrderRefusal(400, 'invalid_dead_letter_id', describeIssues(params.error));
      const body: ReplayDeadLetterResponse = { deadLetter: replayDeadLetter({ deadLetters: deadLetters(), updates: execution.updates, audit }, params.data.id, ACTOR) };
      res.json(body);
    }),
  );

  return router;
}
