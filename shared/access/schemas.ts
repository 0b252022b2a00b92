import { z } from 'zod';

/** Roles a relay credential carries; an operator may do everything a viewer may. */
export const RoleSchema = z.enum(['viewer', 'operator']);
export type Role = z.infer<typeof RoleSchema>;

/** POST /api/v1/login: the operator or a viewer token, as the relay printed it. */
export const LoginRequestSchema = z
  .object({ token: z.string().trim().min(1, 'paste the token the relay printed') })
  .meta({ examples: [{ token: 'q3Jv0c2n1b8Xr5yTzL7aWm4eKd9fHs6uPg0iNo2tVxE' }] });

/** GET /api/v1/session (and the login/logout answers): who this browser is signed in as. */
export const SessionResponseSchema = z.object({ role: RoleSchema.nullable() }).meta({ examples: [{ role: 'viewer' }, { role: null }] });
export type SessionResponse = z.infer<typeof SessionResponseSchema>;
