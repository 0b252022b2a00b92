import { AuditPageSchema, type AuditKind, type AuditPage } from '../../shared/audit/index.ts';
import { requestJson } from '../market/api-client.ts';

export interface AuditPageRequest {
  kind?: AuditKind;
  /** The `nextCursor` of the page before. */
  cursor?: number;
}

export function fetchAuditPage({ kind, cursor }: AuditPageRequest): Promise<AuditPage> {
  const params = new URLSearchParams();
  if (kind) params.set('kind', kind);
  if (cursor !== undefined) params.set('cursor', String(cursor));
  const query = params.toString();
  return requestJson(`/api/v1/audit${query ? `?${query}` : ''}`, AuditPageSchema);
}
