import {
  AccessRefusalAuditSchema,
  AccessRoleAuditSchema,
  ConfigChangeAuditSchema,
  DrawingChangeAuditSchema,
  SimulationRunAuditSchema,
  type AuditEntry,
} from '../../shared/audit/index.ts';

const MAX_GENERIC_FIELDS = 3;
const ROLE_EVENT_WORDS = {
  'access.login': 'signed in as',
  'access.logout': 'signed out as',
  'access.token_rotation': 'new token for',
} as const;

/** One line saying what an audit row records; the full payload stays one click away. */
export function auditSummary(entry: AuditEntry): string {
  const { kind, payload } = entry;
  if (kind === 'drawing.change') {
    const p = DrawingChangeAuditSchema.safeParse(payload);
    if (p.success) return `${p.data.change} ${p.data.shapeType} ${p.data.drawingId} on ${p.data.symbol}`;
  } else if (kind === 'simulation.run') {
    const p = SimulationRunAuditSchema.safeParse(payload);
    if (p.success) return `${p.data.strategy.id} v${p.data.strategy.version} on ${p.data.symbol}, run ${p.data.runId}`;
  } else if (kind === 'config.change') {
    const p = ConfigChangeAuditSchema.safeParse(payload);
    if (p.success) return `started in ${p.data.tradingMode} mode on Bybit ${p.data.bybitEnv}`;
  } else if (kind === 'access.login' || kind === 'access.logout' || kind === 'access.token_rotation') {
    const p = AccessRoleAuditSchema.safeParse(payload);
    if (p.success) return `${ROLE_EVENT_WORDS[kind]} ${p.data.role}`;
  } else if (kind === 'access.refusal') {
    const p = AccessRefusalAuditSchema.safeParse(payload);
    if (p.success) return `${p.data.method} ${p.data.path} refused (${p.data.status} ${p.data.reason}) for ${p.data.role ?? 'a caller without a session'}`;
  }
  // Kinds without a fixed payload yet, and rows that no longer fit theirs: show the first fields.
  const fields = Object.entries(payload).slice(0, MAX_GENERIC_FIELDS);
  const more = Object.keys(payload).length > MAX_GENERIC_FIELDS ? ', …' : '';
  return fields.map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`).join(', ') + more;
}
