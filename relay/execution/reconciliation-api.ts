import { z } from 'zod';
import { DeadLettersQuerySchema, DeadLettersResponseSchema, ReconciliationStateSchema, ReplayDeadLetterResponseSchema } from '../../shared/execution/index.ts';
import type { ApiRoute } from '../http/api-route.ts';

export const DeadLetterIdParamsSchema = z.object({
  id: z.coerce.number({ error: 'a dead letter id is a positive integer' }).int('a dead letter id is a positive integer').positive('a dead letter id is a positive integer').meta({ description: "the dead letter's id from GET /dead-letters", examples: [1] }),
});

/** How the relay keeps its records true to the venue, mounted under /api/v1. */
export const RECONCILIATION_API = {
  state: {
    method: 'get',
    path: '/reconciliation',
    summary: "Reconciliation of the relay's orders, fills and balances against the venue: the last run, the last drift and totals",
    description: 'Runs every intervalMs, at start and after a reconnect; drift is repaired from the venue, audited as reconciliation.drift and counted in relay_reconciliation_drift_total.',
    responses: { 200: { description: 'reconciliation state', schema: ReconciliationStateSchema } },
    errors: { 503: 'reconciliation_unavailable: the trading mode has no venue in this relay' },
  },
  deadLetters: {
    method: 'get',
    path: '/dead-letters',
    summary: 'Venue events the relay could not apply after its retries, newest first (operator)',
    query: DeadLettersQuerySchema,
    responses: { 200: { description: 'dead letters', schema: DeadLettersResponseSchema } },
    errors: { 400: 'invalid_query' },
  },
  replay: {
    method: 'post',
    path: '/dead-letters/:id/replay',
    summary: 'Apply a dead letter again (audited as dead_letter.replay)',
    params: DeadLetterIdParamsSchema,
    responses: { 200: { description: 'the dead letter, now replayed', schema: ReplayDeadLetterResponseSchema } },
    errors: {
      400: 'invalid_dead_letter_id',
      404: 'unknown_dead_letter',
      409: 'already_replayed',
      422: 'replay_failed: it still cannot be applied; the reason is kept as its replayError',
    },
  },
} as const satisfies Record<string, ApiRoute>;
