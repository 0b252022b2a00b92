import type { AuditLog } from '../audit/audit-log.ts';
import type { AccessEvent } from './access-event.ts';

/** Files an access event in the audit log (its own clock stamps the row; no token ever reaches it). */
export function auditAccessEvent(audit: Pick<AuditLog, 'append'>, event: AccessEvent): void {
  switch (event.kind) {
    case 'login':
    case 'logout':
    case 'token_rotation':
      audit.append(`access.${event.kind}`, { role: event.role });
      return;
    case 'refusal':
      audit.append('access.refusal', { reason: event.reason, status: event.status, method: event.method, path: event.route, role: event.role });
      return;
  }
}
