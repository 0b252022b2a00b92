import { z } from 'zod';

/** Whether an operator armed live trading for this relay process; the kill switch and a restart disarm it. */
export const LiveArmStateSchema = z.object({
  armed: z.boolean(),
  /** When it was last armed or disarmed, ISO 8601; null when nobody has since the relay started. */
  changedAt: z.iso.datetime().nullable(),
});
export type LiveArmState = z.infer<typeof LiveArmStateSchema>;

export const LiveArmRequestSchema = z.strictObject({
  armed: z.boolean({ error: 'armed is true (arm live trading) or false (disarm)' }),
});
export type LiveArmRequest = z.infer<typeof LiveArmRequestSchema>;

export const LiveArmResponseSchema = z.object({ live: LiveArmStateSchema });
export type LiveArmResponse = z.infer<typeof LiveArmResponseSchema>;
