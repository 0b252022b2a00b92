import { Router } from 'express';
import { LiveArmRequestSchema, type LiveArmResponse } from '../../shared/execution/index.ts';
import { OrderRefusal, answeringRefusals, type ExecutionService } from '../execution/index.ts';
import { mountRoute } from '../http/api-route.ts';
import { describeIssues, jsonBody } from '../http/json-request.ts';
import { LIVE_ARM_API } from './live-arm-api.ts';

/** Only the operator reaches this write route (relay/access), so the audit actor is that role. */
const ACTOR = 'operator';

/** PUT /api/v1/trading/live; declared in live-arm-api.ts. */
export function createLiveArmRouter({ execution }: { execution: ExecutionService }): Router {
  const router = Router();
  mountRoute(
    router,
    LIVE_ARM_API.set,
    jsonBody('1kb'),
    answeringRefusals((req, res) => {
      const parsed = LiveArmRequestSchema.safeParse(req.body);
      if (!parsed.success) throw new OrderRefusal(400, 'invalid_body', describeIssues(parsed.error));
      const body: LiveArmResponse = { live: execution.setLiveArmed(parsed.data.armed, ACTOR) };
      res.json(body);
    }),
  );
  return router;
}
