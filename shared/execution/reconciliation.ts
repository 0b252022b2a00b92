import { z } from 'zod';
import { VenueNameSchema } from './schemas.ts';

/**
 * What reconciliation can find between the relay's records and the venue's own snapshots:
 * - `order_status`: a local open order the venue has as filled, cancelled, rejected or filled further;
 * - `missed_fill`: a venue fill of a local order that the relay never stored;
 * - `foreign_order`: an order open on the venue that the relay never placed;
 * - `foreign_fill`: a venue fill of an order the relay never placed;
 * - `balance`: a venue balance that the last reconciled balances plus the stored fills since do not explain.
 */
export const DRIFT_KINDS = ['order_status', 'missed_fill', 'foreign_order', 'foreign_fill', 'balance'] as const;
export const DriftKindSchema = z.enum(DRIFT_KINDS);
export type DriftKind = z.infer<typeof DriftKindSchema>;

export const DriftSchema = z.object({
  kind: DriftKindSchema,
  /** The orderLinkId, execId or asset concerned. */
  subject: z.string(),
  /** What the relay had, and what the venue says, in words. */
  local: z.string(),
  venue: z.string(),
  /** True when the relay's records now follow the venue; foreign orders and fills are only flagged. */
  repaired: z.boolean(),
});
export type Drift = z.infer<typeof DriftSchema>;

export const ReconciliationRunSchema = z.object({
  /** ISO-8601 start of the run. */
  at: z.iso.datetime(),
  /** What started it. */
  trigger: z.enum(['start', 'schedule', 'reconnect']),
  durationMs: z.number().min(0),
  drift: z.array(DriftSchema),
  /** Why the run could not finish (the venue unreachable), null when it did. */
  error: z.string().nullable(),
});
export type ReconciliationRun = z.infer<typeof ReconciliationRunSchema>;

export const ReconciliationStateSchema = z.object({
  venue: VenueNameSchema,
  /** Scheduled every intervalMs, and after the venue or the market stream reconnects. */
  intervalMs: z.number().int().positive(),
  /** The newest run, null before the first one ended. */
  lastRun: ReconciliationRunSchema.nullable(),
  /** The newest run that found drift, null while none has. */
  lastDrift: ReconciliationRunSchema.nullable(),
  /** Drift found since the relay started, per kind. */
  driftTotals: z.record(DriftKindSchema, z.number().int().min(0)),
  runs: z.number().int().min(0),
});
export type ReconciliationState = z.infer<typeof ReconciliationStateSchema>;
