import { z } from 'zod';
import { STRATEGY_IDS } from '../../shared/strategy/index.ts';
import {
  ActivationResponseSchema,
  ApproveVersionRequestSchema,
  CreateVersionRequestSchema,
  RejectVersionRequestSchema,
  VersionDetailResponseSchema,
  VersionListResponseSchema,
  VersionResponseSchema,
} from '../../shared/strategy-versions/index.ts';
import type { ApiRoute } from '../http/api-route.ts';

const strategyId = z.string().meta({ description: `the strategy: one of ${STRATEGY_IDS.join(', ')}`, examples: ['ema-rsi'] });

export const StrategyParamsPathSchema = z.object({ id: strategyId });

export const VersionParamsPathSchema = z.object({
  id: strategyId,
  v: z
    .string()
    .regex(/^[1-9]\d{0,8}$/, 'a version number is a whole number from 1, e.g. /versions/3')
    .transform(Number)
    .meta({ description: 'the version number, 1, 2, 3… per strategy', examples: ['1'] }),
});

const UNKNOWN = 'unknown_strategy or unknown_version';
const BAD_VERSION = 'invalid_version_number';

/** Strategy versions and the approval gate, mounted under /api/v1; every change is audited. */
export const STRATEGIES_API = {
  create: {
    method: 'post',
    path: '/strategies/:id/versions',
    summary: "Create a draft version (params checked against the strategy's bounds, defaults filled; audited as approval)",
    description: 'parentVersion defaults to the active version, else the newest. A comparison run of exactly these params recorded earlier makes it simulated at once.',
    params: StrategyParamsPathSchema,
    body: CreateVersionRequestSchema,
    responses: { 201: { description: 'the new version', schema: VersionResponseSchema } },
    errors: { 400: 'invalid_version (body), invalid_params (outside the bounds, unknown key) or unknown_parent', 404: 'unknown_strategy' },
  },
  list: {
    method: 'get',
    path: '/strategies/:id/versions',
    summary: "A strategy's versions, newest first (empty for a strategy never given one)",
    params: StrategyParamsPathSchema,
    responses: { 200: { description: 'versions', schema: VersionListResponseSchema } },
    errors: { 404: 'unknown_strategy' },
  },
  get: {
    method: 'get',
    path: '/strategies/:id/versions/:v',
    summary: 'One version with every change of its state',
    params: VersionParamsPathSchema,
    responses: { 200: { description: 'the version and its transitions, oldest first', schema: VersionDetailResponseSchema } },
    errors: { 400: BAD_VERSION, 404: UNKNOWN },
  },
  approve: {
    method: 'post',
    path: '/strategies/:id/versions/:v/approve',
    summary: 'Approve a draft or simulated version on the evidence of a recorded comparison run (audited as approval)',
    description:
      "The run must be a comparison of this strategy and code version whose candidate params hash equals the version's, on data named by a SHA-256 dataset hash (the stated one, if given), with an out-of-sample window and a walk-forward result.",
    params: VersionParamsPathSchema,
    body: ApproveVersionRequestSchema,
    responses: { 200: { description: 'the approved version', schema: VersionResponseSchema } },
    errors: {
      400: `invalid_approval (body) or ${BAD_VERSION}`,
      404: UNKNOWN,
      409: 'missing_evidence (error.missing names every missing piece), invalid_transition (not draft or simulated) or state_changed',
    },
  },
  reject: {
    method: 'post',
    path: '/strategies/:id/versions/:v/reject',
    summary: 'Retire a draft or simulated version, with a reason (audited as approval)',
    params: VersionParamsPathSchema,
    body: RejectVersionRequestSchema,
    responses: { 200: { description: 'the retired version', schema: VersionResponseSchema } },
    errors: { 400: `invalid_rejection (body) or ${BAD_VERSION}`, 404: UNKNOWN, 409: 'invalid_transition or state_changed' },
  },
  activate: {
    method: 'post',
    path: '/strategies/:id/versions/:v/activate',
    summary: 'Make an approved version the one the relay runs; the previous active one goes back to approved (audited as strategy.activation)',
    params: VersionParamsPathSchema,
    responses: { 200: { description: 'the active version and the one it replaced', schema: ActivationResponseSchema } },
    errors: { 400: BAD_VERSION, 404: UNKNOWN, 409: 'not_approved or state_changed' },
  },
  rollback: {
    method: 'post',
    path: '/strategies/:id/rollback',
    summary: 'Re-activate the version that was active before the current one, in one step (audited as strategy.activation)',
    params: StrategyParamsPathSchema,
    responses: { 200: { description: 'the version active again and the one it replaced', schema: ActivationResponseSchema } },
    errors: { 404: 'unknown_strategy', 409: 'nothing_to_roll_back (no active version, or it is the first ever activated) or state_changed' },
  },
} as const satisfies Record<string, ApiRoute>;
