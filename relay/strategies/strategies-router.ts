import { Router, type ErrorRequestHandler, type Request, type Response } from 'express';
import type { z } from 'zod';
import {
  ApproveVersionRequestSchema,
  CreateVersionRequestSchema,
  RejectVersionRequestSchema,
  type ActivationResponse,
  type MissingEvidenceError,
  type VersionDetailResponse,
  type VersionListResponse,
  type VersionResponse,
} from '../../shared/strategy-versions/index.ts';
import { mountRoute } from '../http/api-route.ts';
import { describeIssues, jsonBody } from '../http/json-request.ts';
import { STRATEGIES_API, StrategyParamsPathSchema, VersionParamsPathSchema } from './strategies-api.ts';
import { VersionRefusal, type StrategyVersions } from './strategy-versions.ts';

export interface StrategiesRouterDeps {
  versions: StrategyVersions;
}

/** Only the operator reaches the write routes (relay/access/route-policy), so the audit actor is that role. */
const ACTOR = 'operator';

/** The 409 of an approval short of evidence carries the list of what is missing; other refusals reach the API error handler as the HttpError they are. */
const answerMissingEvidence: ErrorRequestHandler = (error: unknown, _req, res, next) => {
  if (!(error instanceof VersionRefusal) || error.code !== 'missing_evidence') return next(error);
  const requestId = res.req.id;
  const body: MissingEvidenceError = { error: { code: 'missing_evidence', message: error.message, missing: [...error.missing], ...(requestId ? { requestId } : {}) } };
  res.status(error.status).json(body);
};

function parse<S extends z.ZodType>(schema: S, value: unknown, code: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new VersionRefusal(400, code, describeIssues(parsed.error));
  return parsed.data;
}

const strategyOf = (req: Request) => parse(StrategyParamsPathSchema, req.params, 'invalid_path').id;
const versionOf = (req: Request) => parse(VersionParamsPathSchema, req.params, 'invalid_version_number');

/** Strategy versions under /api/v1; what each route takes and answers is declared in strategies-api.ts. */
export function createStrategiesRouter({ versions }: StrategiesRouterDeps): Router {
  const router = Router();

  mountRoute(router, STRATEGIES_API.create, jsonBody('16kb'), async (req: Request, res: Response) => {
    const strategyId = strategyOf(req);
    const body: VersionResponse = { version: await versions.create(strategyId, parse(CreateVersionRequestSchema, req.body, 'invalid_version'), ACTOR) };
    res.status(201).json(body);
  });

  mountRoute(router, STRATEGIES_API.list, (req: Request, res: Response) => {
    const body: VersionListResponse = { versions: versions.list(strategyOf(req)) };
    res.json(body);
  });

  mountRoute(router, STRATEGIES_API.get, (req: Request, res: Response) => {
    const { id, v } = versionOf(req);
    const body: VersionDetailResponse = versions.detail(id, v);
    res.json(body);
  });

  mountRoute(router, STRATEGIES_API.approve, jsonBody('4kb'), async (req: Request, res: Response) => {
    const { id, v } = versionOf(req);
    const body: VersionResponse = { version: await versions.approve(id, v, parse(ApproveVersionRequestSchema, req.body, 'invalid_approval'), ACTOR) };
    res.json(body);
  });

  mountRoute(router, STRATEGIES_API.reject, jsonBody('8kb'), (req: Request, res: Response) => {
    const { id, v } = versionOf(req);
    const body: VersionResponse = { version: versions.reject(id, v, parse(RejectVersionRequestSchema, req.body, 'invalid_rejection'), ACTOR) };
    res.json(body);
  });

  mountRoute(router, STRATEGIES_API.activate, (req: Request, res: Response) => {
    const { id, v } = versionOf(req);
    const body: ActivationResponse = versions.activate(id, v, ACTOR);
    res.json(body);
  });

  mountRoute(router, STRATEGIES_API.rollback, (req: Request, res: Response) => {
    const body: ActivationResponse = versions.rollback(strategyOf(req), ACTOR);
    res.json(body);
  });

  router.use(answerMissingEvidence);
  return router;
}
