import { z } from 'zod';

/**
 * A circuit breaker around calls to a peer (the relay's signed Bybit calls; its public market calls
 * have one of their own): `closed` lets calls
 * through, `open` refuses them at once after repeated failures, `half_open` lets one probe through
 * to find out whether the peer is back.
 */
export const CircuitStateSchema = z.enum(['closed', 'open', 'half_open']);
export type CircuitState = z.infer<typeof CircuitStateSchema>;

export const CircuitStatusSchema = z.object({
  state: CircuitStateSchema,
  /** Failed attempts in a row (network errors, timeouts, 5xx, rate limits); 0 after a success. */
  consecutiveFailures: z.number().int().min(0),
  /** How many failures in a row open it. */
  failureThreshold: z.number().int().min(1),
  /** When it last opened (ISO-8601), null while it never has. */
  openedAt: z.iso.datetime().nullable(),
  /** While open: when the next probe may go (ISO-8601). */
  probeAt: z.iso.datetime().nullable(),
  /** The last failure in words, null after a success. */
  lastError: z.string().nullable(),
});
export type CircuitStatus = z.infer<typeof CircuitStatusSchema>;
