import { z } from 'zod';
import { VenueNameSchema } from './schemas.ts';

/** A venue event the relay could not apply after its retries, kept for an operator to replay. */
export const DeadLetterSchema = z.object({
  id: z.number().int().positive(),
  venue: VenueNameSchema,
  /** `venue_update`: an order change (with its fills) pushed or polled from the venue. */
  kind: z.literal('venue_update'),
  orderLinkId: z.string(),
  /** The event as it arrived, replayed as is. */
  payload: z.unknown(),
  error: z.string(),
  attempts: z.number().int().min(1),
  at: z.iso.datetime(),
  /** pending until a replay applied it. */
  state: z.enum(['pending', 'replayed']),
  replayedAt: z.iso.datetime().nullable(),
  /** The last replay's failure, null when none failed. */
  replayError: z.string().nullable(),
});
export type DeadLetter = z.infer<typeof DeadLetterSchema>;

export const DeadLettersQuerySchema = z.object({
  state: z.enum(['pending', 'replayed'], { error: 'state must be pending or replayed' }).optional(),
});
export type DeadLettersQuery = z.infer<typeof DeadLettersQuerySchema>;

export const DeadLettersResponseSchema = z.object({ deadLetters: z.array(DeadLetterSchema) });
export type DeadLettersResponse = z.infer<typeof DeadLettersResponseSchema>;

export const ReplayDeadLetterResponseSchema = z.object({ deadLetter: DeadLetterSchema });
export type ReplayDeadLetterResponse = z.infer<typeof ReplayDeadLetterResponseSchema>;
