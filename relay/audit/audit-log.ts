import {
  AUDIT_PAYLOAD_SCHEMAS,
  AuditEntrySchema,
  type AuditChainState,
  type AuditEntry,
  type AuditKind,
  type AuditPage,
  type AuditPayload,
  type AuditQuery,
} from '../../shared/audit/index.ts';
import { canonicalJson } from '../../shared/json/canonical-json.ts';
import type { SqliteDatabase } from '../storage/database.ts';
import { auditRowHash, GENESIS_HASH, verifyAuditChain, type StoredAuditRow } from './audit-chain.ts';

export interface AuditLog {
  /** Validates the payload for its kind, chains the row to the last one and stores it; returns it. */
  append<K extends AuditKind>(kind: K, payload: AuditPayload<K>, actor?: string | null): AuditEntry;
  /** Walks the whole chain from seq 1 and remembers the result for `state()`. */
  verify(): AuditChainState;
  /**
   * The last `verify()` result (walking now if there was none), counting the rows appended since:
   * a status poll must not re-hash the whole log, and this relay's own appends keep a chain's state.
   */
  state(): AuditChainState;
  /** Newest first, below `cursor`; `nextCursor` is null on the last page. */
  page(query: AuditQuery): Omit<AuditPage, 'chain'>;
}

/** What a router needs to record: the narrow side of the log, as injected into routers and access checks. */
export type AuditRecorder = Pick<AuditLog, 'append'>;

interface Row {
  seq: number;
  at: string;
  kind: string;
  actor: string | null;
  payload: string;
  prev_hash: string;
  hash: string;
}

const toStored = (row: Row): StoredAuditRow => ({
  seq: row.seq,
  at: row.at,
  kind: row.kind,
  actor: row.actor,
  payloadJson: row.payload,
  prevHash: row.prev_hash,
  hash: row.hash,
});

function readEntry(row: Row): { success: true; data: AuditEntry } | { success: false; reason: string } {
  let payload: unknown;
  try {
    payload = JSON.parse(row.payload);
  } catch {
    return { success: false, reason: 'payload is not JSON' };
  }
  const parsed = AuditEntrySchema.safeParse({ seq: row.seq, at: row.at, kind: row.kind, actor: row.actor, payload, prevHash: row.prev_hash, hash: row.hash });
  if (parsed.success) return parsed;
  const issue = parsed.error.issues[0];
  return { success: false, reason: `${issue?.path.join('.') || 'row'}: ${issue?.message ?? 'invalid'}` };
}

/** SQLite side of the audit log (table `audit_log`, append-only by trigger; chain rules in audit-chain.ts). */
export function createAuditLog(db: SqliteDatabase, clock: () => Date = () => new Date()): AuditLog {
  const selectLast = db.prepare<[], Pick<Row, 'seq' | 'hash'>>('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
  const insert = db.prepare(
    'INSERT INTO audit_log (seq, at, kind, actor, payload, prev_hash, hash) VALUES (@seq, @at, @kind, @actor, @payload, @prevHash, @hash)',
  );
  const selectAll = db.prepare<[], Row>('SELECT * FROM audit_log ORDER BY seq');
  const countRows = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM audit_log');
  const selectPage = db.prepare<[{ kind: string | null; from: string | null; to: string | null; cursor: number | null; limit: number }], Row>(
    `SELECT * FROM audit_log
     WHERE (@kind IS NULL OR kind = @kind) AND (@from IS NULL OR at >= @from) AND (@to IS NULL OR at <= @to)
       AND (@cursor IS NULL OR seq < @cursor)
     ORDER BY seq DESC LIMIT @limit`,
  );

  let known: AuditChainState | undefined;

  // One transaction, so two appends can never read the same last row and fork the chain.
  const append = db.transaction((kind: AuditKind, payload: Record<string, unknown>, actor: string | null): AuditEntry => {
    const last = selectLast.get();
    const content = { seq: (last?.seq ?? 0) + 1, at: clock().toISOString(), kind, actor, payload };
    const prevHash = last?.hash ?? GENESIS_HASH;
    const entry: AuditEntry = { ...content, prevHash, hash: auditRowHash(prevHash, content) };
    insert.run({ ...content, payload: canonicalJson(payload), prevHash, hash: entry.hash });
    if (known !== undefined) known = { ...known, rows: known.rows + 1 };
    return entry;
  });

  // A stored time is toISOString() output, so comparing normalised bounds as text orders correctly.
  const normalise = (iso: string | undefined) => (iso === undefined ? null : new Date(iso).toISOString());

  const verify = (): AuditChainState => {
    // Streams the rows: the log only grows, and a walk should not hold all of it in memory.
    const walked = verifyAuditChain(
      (function* () {
        for (const row of selectAll.iterate()) yield toStored(row);
      })(),
    );
    known = { ...walked, rows: countRows.get()?.n ?? 0 };
    return known;
  };

  return {
    append: (kind, payload, actor = null) => append(kind, AUDIT_PAYLOAD_SCHEMAS[kind].parse(payload) as Record<string, unknown>, actor),
    verify,
    state: () => known ?? verify(),
    page: ({ kind, from, to, cursor, limit }) => {
      const rows = selectPage.all({ kind: kind ?? null, from: normalise(from), to: normalise(to), cursor: cursor ?? null, limit: limit + 1 });
      const shown = rows.slice(0, limit);
      const entries: AuditEntry[] = [];
      const unreadable: AuditPage['unreadable'] = [];
      // A row edited into something unparseable is reported, not fatal: the rest of the page
      // (and the evidence that the chain was tampered with) must stay readable.
      for (const row of shown) {
        const entry = readEntry(row);
        if (entry.success) entries.push(entry.data);
        else unreadable.push({ seq: row.seq, reason: entry.reason });
      }
      return { entries, unreadable, nextCursor: rows.length > limit ? shown.at(-1)!.seq : null };
    },
  };
}
