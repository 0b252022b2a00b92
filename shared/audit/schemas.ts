import { z } from 'zod';
import { RoleSchema } from '../access/schemas.ts';
import { AdvisorSourceSchema, AiUsageSchema, ParamDeltaSchema, SuggestionFailureSchema, SuggestionStatusSchema } from '../ai/schemas.ts';
import { ShapeTypeSchema } from '../drawings/schemas.ts';
import { ApprovalStateSchema } from '../strategy-versions/schemas.ts';

/**
 * Everything the relay records in its tamper-evident audit log (relay/audit/). The order and
 * trading kinds exist before order execution does, so later records need no schema change.
 */
export const AUDIT_KINDS = [
  'order.intent',
  'order.placed',
  'order.exchange_answer',
  'order.cancel',
  'kill_switch',
  'approval',
  'strategy.activation',
  'simulation.run',
  'ai.suggestion',
  'access.login',
  'access.logout',
  'access.token_rotation',
  'access.refusal',
  'config.change',
  'mode.change',
  'drawing.change',
  'watchlist.change',
  'reconciliation.drift',
  'dead_letter.replay',
] as const;
export const AuditKindSchema = z.enum(AUDIT_KINDS, { error: `kind must be one of ${AUDIT_KINDS.join(', ')}` }).meta({ examples: ['simulation.run'] });
export type AuditKind = z.infer<typeof AuditKindSchema>;

const Sha256HexSchema = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits (SHA-256)');

/** A simulation run the relay stored: which strategy, with which params, on which data. */
export const SimulationRunAuditSchema = z.strictObject({
  runId: z.uuid(),
  strategy: z.strictObject({ id: z.string(), version: z.string() }),
  symbol: z.string(),
  /** SHA-256 of the canonical JSON of the run's params. */
  paramsHash: Sha256HexSchema,
  datasetHash: z.string(),
});

export const DrawingChangeAuditSchema = z.strictObject({
  change: z.enum(['create', 'update', 'delete']),
  drawingId: z.string(),
  symbol: z.string(),
  shapeType: ShapeTypeSchema,
});

/** A symbol starred or unstarred on the relay's watchlist. */
export const WatchlistChangeAuditSchema = z.strictObject({
  change: z.enum(['add', 'remove']),
  symbol: z.string(),
});

/** A sign-in, sign-out or token rotation: which role; never the token or session id. */
export const AccessRoleAuditSchema = z.strictObject({ role: RoleSchema });

export const AccessRefusalAuditSchema = z.strictObject({
  /** The error code the caller got, e.g. misdirected_host, foreign_origin, unauthenticated. */
  reason: z.string().min(1),
  status: z.number().int(),
  method: z.string(),
  path: z.string(),
  /** The role the caller had, null when it had none. */
  role: RoleSchema.nullable(),
});

/** The relay's configuration as it started; never credentials. */
export const ConfigChangeAuditSchema = z.strictObject({
  tradingMode: z.enum(['paper', 'live']),
  bybitEnv: z.enum(['mainnet', 'testnet', 'demo', 'sim']),
});

/** One AI review: who answered, what it was asked and said, what it cost; never a credential. */
export const AiSuggestionAuditSchema = z.strictObject({
  suggestionId: z.uuid(),
  strategyId: z.string(),
  source: AdvisorSourceSchema,
  model: z.string(),
  status: SuggestionStatusSchema,
  failure: SuggestionFailureSchema.nullable(),
  deltas: z.array(ParamDeltaSchema).nullable(),
  attempts: z.number().int().min(0),
  latencyMs: z.number().nonnegative(),
  usage: AiUsageSchema.nullable(),
  requestId: z.string().nullable(),
  loopId: z.string().nullable(),
  /** Each request to the model: the messages sent and the answer (content or refusal). */
  exchanges: z.array(
    z.object({
      prompt: z.array(z.object({ role: z.string(), content: z.string() })),
      response: z.string().nullable(),
      refusal: z.string().nullable(),
      model: z.string().nullable(),
    }),
  ),
});

/**
 * A strategy version's change of state: `approval` for creation, simulation, approval and
 * rejection, `strategy.activation` for what the relay runs (activate, the previous one stepping
 * back, rollback). The params hash ties it to the simulation runs recorded as `simulation.run`.
 */
export const VersionTransitionAuditSchema = z.strictObject({
  strategyId: z.string(),
  version: z.number().int().positive(),
  from: ApprovalStateSchema.nullable(),
  to: ApprovalStateSchema,
  paramsHash: z.string(),
  evidenceRunId: z.string().nullable(),
  reason: z.string().nullable(),
});

/** Kinds whose payload is not pinned down yet still record a JSON object. */
const GenericPayloadSchema = z.record(z.string(), z.unknown());

export const AUDIT_PAYLOAD_SCHEMAS = {
  'order.intent': GenericPayloadSchema,
  'order.placed': GenericPayloadSchema,
  'order.exchange_answer': GenericPayloadSchema,
  'order.cancel': GenericPayloadSchema,
  kill_switch: GenericPayloadSchema,
  approval: VersionTransitionAuditSchema,
  'strategy.activation': VersionTransitionAuditSchema,
  'simulation.run': SimulationRunAuditSchema,
  'ai.suggestion': AiSuggestionAuditSchema,
  'access.login': AccessRoleAuditSchema,
  'access.logout': AccessRoleAuditSchema,
  'access.token_rotation': AccessRoleAuditSchema,
  'access.refusal': AccessRefusalAuditSchema,
  'config.change': ConfigChangeAuditSchema,
  'mode.change': GenericPayloadSchema,
  'drawing.change': DrawingChangeAuditSchema,
  'watchlist.change': WatchlistChangeAuditSchema,
  'reconciliation.drift': GenericPayloadSchema,
  'dead_letter.replay': GenericPayloadSchema,
} as const satisfies Record<AuditKind, z.ZodType>;
export type AuditPayload<K extends AuditKind> = z.infer<(typeof AUDIT_PAYLOAD_SCHEMAS)[K]>;

/** One stored row; `hash` = SHA-256 of `prevHash` + the canonical JSON of seq, at, kind, actor, payload. */
export const AuditEntrySchema = z.object({
  seq: z.number().int().positive(),
  at: z.iso.datetime(),
  kind: AuditKindSchema,
  /** Who caused it (a session or user id once access control exists); null for the relay itself. */
  actor: z.string().nullable(),
  payload: z.record(z.string(), z.unknown()),
  prevHash: Sha256HexSchema,
  hash: Sha256HexSchema,
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

/** Result of walking the chain; `firstBadSeq` and `message` name the first row that fails. */
export const AuditChainStateSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('intact'), rows: z.number().int().nonnegative() }),
  z.object({
    state: z.literal('broken'),
    rows: z.number().int().nonnegative(),
    firstBadSeq: z.number().int(),
    message: z.string(),
  }),
]);
export type AuditChainState = z.infer<typeof AuditChainStateSchema>;

export const AUDIT_PAGE_MAX = 500;
const AUDIT_PAGE_DEFAULT = 100;

/** Decimal digits only: Number() would also take '', '0x10', '1e3' and '-5'. */
const digits = (name: string, example: string) =>
  z
    .string({ error: `${name} must be a whole number, e.g. ${name}=${example}` })
    .regex(/^\d{1,15}$/, `${name} must be a whole number, e.g. ${name}=${example}`)
    .transform(Number);

const isoTime = (name: string) =>
  z.iso.datetime({ offset: true, message: `${name} must be an ISO-8601 time, e.g. ${name}=2026-01-01T00:00:00Z` });

/** `GET /api/v1/audit` query: newest first, `cursor` = the seq to continue below (exclusive). */
export const AuditQuerySchema = z
  .strictObject({
    kind: AuditKindSchema.optional(),
    from: isoTime('from').optional(),
    to: isoTime('to').optional(),
    cursor: digits('cursor', '120').optional(),
    limit: digits('limit', '100')
      .refine((n) => n >= 1 && n <= AUDIT_PAGE_MAX, `limit must be between 1 and ${AUDIT_PAGE_MAX}`)
      .default(AUDIT_PAGE_DEFAULT),
  })
  .refine((q) => q.from === undefined || q.to === undefined || Date.parse(q.from) <= Date.parse(q.to), 'from must not be after to');
export type AuditQuery = z.infer<typeof AuditQuerySchema>;

/** A stored row that no longer parses (edited on disk): listed by seq, never silently dropped. */
export const UnreadableAuditRowSchema = z.object({ seq: z.number().int(), reason: z.string() });

export const AuditPageSchema = z.object({
  entries: z.array(AuditEntrySchema),
  unreadable: z.array(UnreadableAuditRowSchema),
  /** Pass as `cursor` for the next (older) page; null when this page is the last. */
  nextCursor: z.number().int().nullable(),
  chain: AuditChainStateSchema,
});
export type AuditPage = z.infer<typeof AuditPageSchema>;
