import type { z } from 'zod';
import {
  ApprovalStateSchema,
  StrategyVersionSchema,
  VersionTransitionSchema,
  type ApprovalState,
  type StrategyVersion,
  type VersionTransition,
} from '../../shared/strategy-versions/index.ts';
import type { SqliteDatabase } from '../storage/database.ts';

/** What a version is, fixed at creation; its state comes from its transitions. */
export const VersionContentSchema = StrategyVersionSchema.omit({ version: true, approvalState: true, stateChangedBy: true, stateChangedAt: true, evidenceRunId: true });
export type VersionContent = z.infer<typeof VersionContentSchema>;

/** A state change to append; `from` is checked against the version's current state inside the write. */
export interface TransitionRequest {
  strategyId: string;
  version: number;
  from: ApprovalState;
  to: ApprovalState;
  actor: string | null;
  evidenceRunId?: string | null;
  reason?: string | null;
}

export interface VersionsStore {
  /** Appends version (newest + 1) as a draft, with its creation transition. */
  create(content: VersionContent): StrategyVersion;
  /** Appends the transitions in one write, or none if any version is no longer in its `from` state. */
  transition(changes: readonly TransitionRequest[]): void;
  get(strategyId: string, version: number): StrategyVersion | undefined;
  /** One strategy's versions, newest first; empty for a strategy never given one. */
  list(strategyId: string): StrategyVersion[];
  /** One strategy's transitions (or one version's), oldest first. */
  transitions(strategyId: string, version?: number): VersionTransition[];
  /** Every strategy's active version. */
  allActive(): StrategyVersion[];
}

/** The state of a version was changed by another request between the check and the write. */
export class StaleTransitionError extends Error {
  override name = 'StaleTransitionError';
}

interface VersionRow {
  strategy_id: string;
  version: number;
  json: string;
  state: string;
  state_by: string | null;
  state_at: string;
  evidence_run_id: string | null;
}

interface TransitionRow {
  seq: number;
  strategy_id: string;
  version: number;
  from_state: string | null;
  to_state: string;
  actor: string | null;
  at: string;
  evidence_run_id: string | null;
  reason: string | null;
}

/** Each version with its last transition (its state) and the last run any transition rested on. */
const VERSION_WITH_STATE = `
  SELECT v.strategy_id, v.version, v.json, t.to_state AS state, t.actor AS state_by, t.at AS state_at,
    (SELECT e.evidence_run_id FROM strategy_version_transitions e
      WHERE e.strategy_id = v.strategy_id AND e.version = v.version AND e.evidence_run_id IS NOT NULL
      ORDER BY e.seq DESC LIMIT 1) AS evidence_run_id
  FROM strategy_versions v
  JOIN strategy_version_transitions t ON t.seq = (
    SELECT MAX(seq) FROM strategy_version_transitions WHERE strategy_id = v.strategy_id AND version = v.version)`;

/**
 * Strategy versions in SQLite (relay/storage/migrations.ts): content in `strategy_versions`, every
 * state change in `strategy_version_transitions`, both refusing UPDATE and DELETE. The rules of
 * which change is allowed live in the service; the store only guarantees each change starts from
 * the state the service saw.
 */
export function createVersionsStore(db: SqliteDatabase, clock: () => Date = () => new Date()): VersionsStore {
  const insertVersion = db.prepare(
    `INSERT INTO strategy_versions (strategy_id, version, code_version, params_hash, created_by, created_at, json)
     VALUES (@strategyId, @version, @codeVersion, @paramsHash, @createdBy, @createdAt, @json)`,
  );
  const insertTransition = db.prepare(
    `INSERT INTO strategy_version_transitions (strategy_id, version, from_state, to_state, actor, at, evidence_run_id, reason)
     VALUES (@strategyId, @version, @from, @to, @actor, @at, @evidenceRunId, @reason)`,
  );
  const newest = db.prepare<[string], { version: number | null }>('SELECT MAX(version) AS version FROM strategy_versions WHERE strategy_id = ?');
  const selectOne = db.prepare<[string, number], VersionRow>(`${VERSION_WITH_STATE} WHERE v.strategy_id = ? AND v.version = ?`);
  const selectByStrategy = db.prepare<[string], VersionRow>(`${VERSION_WITH_STATE} WHERE v.strategy_id = ? ORDER BY v.version DESC`);
  const selectActive = db.prepare<[], VersionRow>(`${VERSION_WITH_STATE} WHERE t.to_state = 'active' ORDER BY v.strategy_id`);
  const selectTransitions = db.prepare<[string], TransitionRow>('SELECT * FROM strategy_version_transitions WHERE strategy_id = ? ORDER BY seq');
  const selectVersionTransitions = db.prepare<[string, number], TransitionRow>(
    'SELECT * FROM strategy_version_transitions WHERE strategy_id = ? AND version = ? ORDER BY seq',
  );

  // Rows were validated on the way in; parsing again guards against hand-edited databases.
  const toVersion = (row: VersionRow): StrategyVersion =>
    StrategyVersionSchema.parse({
      ...VersionContentSchema.parse(JSON.parse(row.json)),
      version: row.version,
      approvalState: ApprovalStateSchema.parse(row.state),
      stateChangedBy: row.state_by,
      stateChangedAt: row.state_at,
      evidenceRunId: row.evidence_run_id,
    });
  const toTransition = (row: TransitionRow): VersionTransition =>
    VersionTransitionSchema.parse({
      seq: row.seq,
      strategyId: row.strategy_id,
      version: row.version,
      from: row.from_state,
      to: row.to_state,
      actor: row.actor,
      at: row.at,
      evidenceRunId: row.evidence_run_id,
      reason: row.reason,
    });
  const get = (strategyId: string, version: number): StrategyVersion | undefined => {
    const row = selectOne.get(strategyId, version);
    return row === undefined ? undefined : toVersion(row);
  };

  const create = db.transaction((content: VersionContent): StrategyVersion => {
    const version = (newest.get(content.strategyId)?.version ?? 0) + 1;
    insertVersion.run({
      strategyId: content.strategyId,
      version,
      codeVersion: content.codeVersion,
      paramsHash: content.paramsHash,
      createdBy: content.createdBy,
      createdAt: content.createdAt,
      json: JSON.stringify(content),
    });
    insertTransition.run({ strategyId: content.strategyId, version, from: null, to: 'draft', actor: content.createdBy, at: content.createdAt, evidenceRunId: null, reason: null });
    return get(content.strategyId, version)!;
  });

  const transition = db.transaction((changes: readonly TransitionRequest[]) => {
    const at = clock().toISOString();
    for (const change of changes) {
      const state = get(change.strategyId, change.version)?.approvalState;
      if (state !== change.from) {
        throw new StaleTransitionError(`version ${change.version} of ${change.strategyId} is ${state ?? 'missing'}, no longer ${change.from}`);
      }
      insertTransition.run({
        strategyId: change.strategyId,
        version: change.version,
        from: change.from,
        to: change.to,
        actor: change.actor,
        at,
        evidenceRunId: change.evidenceRunId ?? null,
        reason: change.reason ?? null,
      });
    }
  });

  return {
    create: (content) => create(VersionContentSchema.parse(content)),
    transition: (changes) => transition(changes),
    get,
    list: (strategyId) => selectByStrategy.all(strategyId).map(toVersion),
    transitions: (strategyId, version) =>
      (version === undefined ? selectTransitions.all(strategyId) : selectVersionTransitions.all(strategyId, version)).map(toTransition),
    allActive: () => selectActive.all().map(toVersion),
  };
}
