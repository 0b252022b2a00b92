import type { Logger } from 'pino';
import type { SimulationRecord } from '../../shared/simulations/index.ts';
import { InvalidParamsError, strategyEntry, UnknownStrategyError, type StrategyEntry } from '../../shared/strategy/index.ts';
import {
  missingEvidence,
  paramsHash,
  rollbackTarget,
  simulationMismatch,
  transitionRefusal,
  type ActivationResponse,
  type ApprovalState,
  type ApproveVersionRequest,
  type CreateVersionRequestSchema,
  type EvidenceRun,
  type RejectVersionRequest,
  type StrategyVersion,
  type VersionDetailResponse,
} from '../../shared/strategy-versions/index.ts';
import type { z } from 'zod';
import type { AuditRecorder } from '../audit/audit-log.ts';
import { HttpError } from '../http/http-error.ts';
import type { SimulationsStore } from '../simulations/simulations-store.ts';
import type { ActiveVersions } from './active-versions.ts';
import { StaleTransitionError, type TransitionRequest, type VersionsStore } from './versions-store.ts';

/** A request the version rules refuse, answered as its status and code; a 409 approval also names every missing piece of evidence. */
export class VersionRefusal extends HttpError {
  override name = 'VersionRefusal';
  constructor(
    status: number,
    code: string,
    message: string,
    readonly missing: readonly string[] = [],
  ) {
    super(status, code, message);
  }
}

export interface StrategyVersions extends ActiveVersions {
  create(strategyId: string, request: z.output<typeof CreateVersionRequestSchema>, actor: string | null): Promise<StrategyVersion>;
  list(strategyId: string): StrategyVersion[];
  detail(strategyId: string, version: number): VersionDetailResponse;
  approve(strategyId: string, version: number, request: ApproveVersionRequest, actor: string | null): Promise<StrategyVersion>;
  reject(strategyId: string, version: number, request: RejectVersionRequest, actor: string | null): StrategyVersion;
  activate(strategyId: string, version: number, actor: string | null): ActivationResponse;
  rollback(strategyId: string, actor: string | null): ActivationResponse;
  /** Makes every draft this comparison run simulates exactly `simulated`; returns them. */
  noteSimulation(record: SimulationRecord): Promise<StrategyVersion[]>;
}

export interface StrategyVersionsDeps {
  store: VersionsStore;
  /** Where approval evidence is looked up; only read. */
  simulations: Pick<SimulationsStore, 'get' | 'listByStrategy'>;
  audit: AuditRecorder;
  /** A throwing onChange listener is logged; the change it was told of stays made. */
  logger: Pick<Logger, 'error'>;
  clock?: () => Date;
}

/** Recent runs searched for one that already simulates a new draft. */
const RUNS_SEARCHED_ON_CREATE = 200;

/**
 * The approval gate (issue 14): versions are created as drafts, become `simulated` when a recorded
 * comparison run is of exactly their params, `approved` only by an operator naming a run that
 * carries out-of-sample and walk-forward evidence on SHA-256-named data, and `active` only from
 * `approved`. Each change is stored as a transition and audited.
 */
export function createStrategyVersions({ store, simulations, audit, logger, clock = () => new Date() }: StrategyVersionsDeps): StrategyVersions {
  const listeners = new Set<(strategyId: string, active: StrategyVersion | undefined) => void>();

  const known = (strategyId: string): StrategyEntry => {
    try {
      return strategyEntry(strategyId);
    } catch (error) {
      if (error instanceof UnknownStrategyError) throw new VersionRefusal(404, 'unknown_strategy', error.message);
      throw error;
    }
  };

  const existing = (strategyId: string, version: number): StrategyVersion => {
    known(strategyId);
    const found = store.get(strategyId, version);
    if (found === undefined) throw new VersionRefusal(404, 'unknown_version', `${strategyId} has no version ${version}`);
    return found;
  };

  const refuseUnless = (version: StrategyVersion, to: ApprovalState, code = 'invalid_transition') => {
    const refusal = transitionRefusal(version.version, version.approvalState, to);
    if (refusal !== null) throw new VersionRefusal(409, code, refusal);
  };

  /** Stores the changes in one write and audits each; activation changes go under strategy.activation. */
  const apply = (changes: TransitionRequest[]) => {
    try {
      store.transition(changes);
    } catch (error) {
      if (error instanceof StaleTransitionError) throw new VersionRefusal(409, 'state_changed', `${error.message}; reload and try again`);
      throw error;
    }
    for (const change of changes) {
      const kind = change.to === 'active' || change.from === 'active' ? 'strategy.activation' : 'approval';
      const { paramsHash: hash } = store.get(change.strategyId, change.version)!;
      audit.append(
        kind,
        { strategyId: change.strategyId, version: change.version, from: change.from, to: change.to, paramsHash: hash, evidenceRunId: change.evidenceRunId ?? null, reason: change.reason ?? null },
        change.actor,
      );
    }
  };

  // Reads only the active rows (one per strategy at most): the runner may ask on every candle.
  const activeOf = (strategyId: string) => store.allActive().find((v) => v.strategyId === strategyId);

  const tell = (strategyId: string) => {
    const active = activeOf(strategyId);
    for (const listener of listeners) {
      try {
        listener(strategyId, active);
      } catch (err) {
        logger.error({ err, strategyId }, 'an active-version listener failed');
      }
    }
  };

  const activate = (strategyId: string, version: number, actor: string | null, reason: string | null): ActivationResponse => {
    const target = existing(strategyId, version);
    if (target.approvalState !== 'approved') {
      throw new VersionRefusal(409, 'not_approved', `version ${version} of ${strategyId} is ${target.approvalState}; only an approved version can be activated`);
    }
    const previous = activeOf(strategyId);
    const changes: TransitionRequest[] = [];
    if (previous !== undefined) changes.push({ strategyId, version: previous.version, from: 'active', to: 'approved', actor, reason: `replaced by version ${version}` });
    changes.push({ strategyId, version, from: 'approved', to: 'active', actor, reason });
    apply(changes);
    tell(strategyId);
    return { active: store.get(strategyId, version)!, previous: previous === undefined ? null : store.get(strategyId, previous.version)! };
  };

  /** The draft → simulated change a matching comparison run earns. */
  const simulatedBy = (version: StrategyVersion, runId: string, actor: string | null): TransitionRequest => ({
    strategyId: version.strategyId,
    version: version.version,
    from: 'draft',
    to: 'simulated',
    actor,
    evidenceRunId: runId,
  });

  const evidenceRun = async (record: SimulationRecord): Promise<EvidenceRun> => ({ record, candidateParamsHash: await paramsHash(record.run.params) });

  return {
    async create(strategyId, request, actor) {
      const entry = known(strategyId);
      let params: Record<string, unknown>;
      try {
        params = entry.parseParams(request.params);
      } catch (error) {
        if (error instanceof InvalidParamsError) throw new VersionRefusal(400, 'invalid_params', error.message);
        throw error;
      }
      if (request.parentVersion !== undefined && store.get(strategyId, request.parentVersion) === undefined) {
        throw new VersionRefusal(400, 'unknown_parent', `${strategyId} has no version ${request.parentVersion} to derive from`);
      }
      const hash = await paramsHash(params);
      const versions = store.list(strategyId);
      const parentVersion = request.parentVersion ?? (versions.find((v) => v.approvalState === 'active') ?? versions[0])?.version ?? null;
      const at = clock().toISOString();
      const created = store.create({
        strategyId,
        codeVersion: entry.version,
        params,
        paramsHash: hash,
        indicators: entry.bind(params).indicators,
        market: request.market,
        parentVersion,
        origin: request.suggestionId === undefined ? { kind: 'manual', note: request.note } : { kind: 'suggestion', suggestionId: request.suggestionId },
        createdBy: actor,
        createdAt: at,
      });
      audit.append('approval', { strategyId, version: created.version, from: null, to: 'draft', paramsHash: hash, evidenceRunId: null, reason: request.note || null }, actor);
      // A comparison of exactly these params may already be recorded (e.g. by the review loop).
      for (const { simulation } of simulations.listByStrategy(strategyId, RUNS_SEARCHED_ON_CREATE)) {
        if (simulation.kind !== 'comparison' || simulationMismatch(created, await evidenceRun(simulation)).length > 0) continue;
        apply([simulatedBy(created, simulation.runId, null)]);
        return store.get(strategyId, created.version)!;
      }
      return created;
    },

    list: (strategyId) => {
      known(strategyId);
      return store.list(strategyId);
    },

    detail: (strategyId, version) => ({ version: existing(strategyId, version), transitions: store.transitions(strategyId, version) }),

    async approve(strategyId, version, request, actor) {
      const candidate = existing(strategyId, version);
      if (candidate.approvalState !== 'draft') refuseUnless(candidate, 'approved');
      const stored = simulations.get(request.runId);
      const missing = missingEvidence(candidate, request, stored === undefined ? undefined : await evidenceRun(stored.simulation));
      if (missing.length > 0) {
        throw new VersionRefusal(409, 'missing_evidence', `version ${version} of ${strategyId} cannot be approved: ${missing.join('; ')}`, missing);
      }
      const approval: TransitionRequest = { strategyId, version, from: 'simulated', to: 'approved', actor, evidenceRunId: request.runId };
      apply(candidate.approvalState === 'draft' ? [simulatedBy(candidate, request.runId, actor), approval] : [approval]);
      return store.get(strategyId, version)!;
    },

    reject(strategyId, version, request, actor) {
      const candidate = existing(strategyId, version);
      refuseUnless(candidate, 'retired');
      apply([{ strategyId, version, from: candidate.approvalState, to: 'retired', actor, reason: request.reason }]);
      return store.get(strategyId, version)!;
    },

    activate: (strategyId, version, actor) => activate(strategyId, version, actor, null),

    rollback(strategyId, actor) {
      known(strategyId);
      const target = rollbackTarget(store.transitions(strategyId));
      if (target === null) {
        const active = activeOf(strategyId);
        throw new VersionRefusal(
          409,
          'nothing_to_roll_back',
          active === undefined
            ? `${strategyId} has no active version to roll back`
            : `version ${active.version} is the first version of ${strategyId} ever activated; there is no earlier active version to return to`,
        );
      }
      return activate(strategyId, target.target, actor, `rollback from version ${target.current}`);
    },

    async noteSimulation(record) {
      if (record.kind !== 'comparison') return [];
      const run = await evidenceRun(record);
      // The relay makes this change itself (actor null): the run's poster only recorded evidence.
      const drafts = store.list(record.run.strategy.id).filter((v) => v.approvalState === 'draft' && simulationMismatch(v, run).length === 0);
      if (drafts.length > 0) apply(drafts.map((draft) => simulatedBy(draft, record.runId, null)));
      return drafts.map((draft) => store.get(draft.strategyId, draft.version)!);
    },

    active: activeOf,
    allActive: () => store.allActive(),
    onChange(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}
