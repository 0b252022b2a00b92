import { z } from 'zod';
import { RoleSchema } from '../../shared/access/index.ts';

export { RoleSchema, type Role } from '../../shared/access/index.ts';

/**
 * What the access layer reports to the audit trail. Never carries a token or session id: the
 * audit log is readable by anyone who can read the data folder.
 */
export const AccessEventSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('login'), at: z.iso.datetime(), role: RoleSchema }),
  z.object({ kind: z.literal('logout'), at: z.iso.datetime(), role: RoleSchema }),
  z.object({
    kind: z.literal('refusal'),
    at: z.iso.datetime(),
    /** The ApiError code the caller got, e.g. misdirected_host, foreign_origin, unauthenticated. */
    reason: z.string(),
    status: z.number().int(),
    method: z.string(),
    route: z.string(),
    role: RoleSchema.nullable(),
  }),
  z.object({ kind: z.literal('token_rotation'), at: z.iso.datetime(), role: RoleSchema }),
]);
export type AccessEvent = z.infer<typeof AccessEventSchema>;

export type RecordAccessEvent = (event: AccessEvent) => void;
