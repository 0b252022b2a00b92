import { randomUUID } from 'node:crypto';
import type { ComparisonSummary, ReviewLoop, ReviewLoopRequest, ReviewRound } from '../../shared/ai/index.ts';
import { ComparisonConfigSchema } from '../../shared/backtest/schemas.ts';
import { comparisonRecord } from '../../shared/simulations/comparison-record.ts';
import type { AuditRecorder } from '../audit/audit-log.ts';
import type { MarketService } from '../market/market-service.ts';
import { simulationRunAudit } from '../simulations/simulation-run-audit.ts';
import type { SimulationsStore } from '../simulations/simulations-store.ts';
import type { SimulationRecord } from '../../shared/simulations/schemas.ts';
import { loadDataset, type LoadedDataset } from './load-dataset.ts';
import { reviewedStrategy, type ReviewService } from './review-service.ts';
import type { SimulationPool } from './simulation-pool.ts';

export interface ReviewLoopsDeps {
  reviews: ReviewService;
  pool: SimulationPool;
  market: MarketService;
  simulations: SimulationsStore;
  audit: AuditRecorder;
  clock?: () => Date;
  /** Told of each comparison it records, as the simulations route tells: drafts of those params become `simulated`. */
  onRecorded?: (record: SimulationRecord) => Promise<unknown>;
  /** Told when a loop stops, e.g. so a test can wait for it. */
  onFinished?: (loop: ReviewLoop) => void;
}

export interface ReviewLoops {
  /** Checks the request and loads the candles, then runs the rounds in the background. */
  start(strategyId: string, request: ReviewLoopRequest, requestId: string | null): Promise<ReviewLoop>;
  get(loopId: string): ReviewLoop | undefined;
  cancel(loopId: string): ReviewLoop | undefined;
  /** Cancels every running loop (relay shutdown). */
  close(): void;
}

/** Loops kept for reading after they end; the oldest finished ones go first. */
const KEPT_LOOPS = 50;

const sameParams = (a: Record<string, unknown>, b: Record<string, unknown>) => JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());

/**
 * The iterative review: each round asks the advisor, simulates its suggestion against the round's
 * baseline on a worker thread (in-sample, out-of-sample, folds), records that comparison as a
 * SimulationRecord (the evidence an approval needs) and feeds its summary into the next prompt.
 * A candidate that wins becomes the next round's baseline; the loop stops after N rounds, at the
 * first round without an improvement, or when cancelled. It ends at a report; nothing is applied.
 * Loops live in memory: their suggestions and comparisons are stored, their progress is not.
 */
export function createReviewLoops(deps: ReviewLoopsDeps): ReviewLoops {
  const clock = deps.clock ?? (() => new Date());
  const loops = new Map<string, { loop: ReviewLoop; abort: AbortController; startParams: Record<string, unknown> }>();

  const forget = () => {
    const finished = [...loops.values()].filter((l) => l.loop.state !== 'running');
    for (const old of finished.slice(0, Math.max(0, loops.size - KEPT_LOOPS))) loops.delete(old.loop.loopId);
  };

  const finish = (loop: ReviewLoop, state: ReviewLoop['state'], stopReason: string, startParams: Record<string, unknown>) => {
    if (loop.state !== 'running') return;
    const wins = loop.rounds.filter((r) => r.verdict === 'better');
    const best = wins.at(-1) ?? null;
    loop.state = state;
    loop.stopReason = stopReason;
    loop.finishedAt = clock().toISOString();
    loop.report = {
      startParams,
      bestParams: best?.candidateParams ?? null,
      bestRound: best?.round ?? null,
      evidenceRunId: best?.simulationRunId ?? null,
      summary:
        best === null
          ? `no candidate beat the starting params out of sample in ${loop.rounds.length} round(s); keep them`
          : `round ${best.round}'s candidate beat its baseline out of sample (run ${best.simulationRunId}); create a version from it and approve it with that run as evidence, or reject it`,
    };
    deps.onFinished?.(loop);
  };

  async function run(loop: ReviewLoop, request: ReviewLoopRequest, dataset: LoadedDataset, startParams: Record<string, unknown>, signal: AbortSignal, requestId: string | null) {
    const comparison = ComparisonConfigSchema.parse(request.comparison);
    let baseline = startParams;
    let lastComparison: ComparisonSummary | null = null;
    for (let round = 1; round <= request.rounds; round++) {
      if (signal.aborted) return finish(loop, 'cancelled', `cancelled before round ${round}`, startParams);
      const suggestion = await deps.reviews.review(loop.strategyId, { ...request, params: baseline }, { requestId, loopId: loop.loopId, lastComparison, dataset, signal });
      if (signal.aborted) return finish(loop, 'cancelled', `cancelled during round ${round}`, startParams);
      const base: Omit<ReviewRound, 'note' | 'candidateParams'> = {
        round,
        suggestionId: suggestion.id,
        suggestionStatus: suggestion.status,
        baselineParams: baseline,
        simulationRunId: null,
        verdict: null,
        overfitting: null,
        inSample: null,
        outOfSample: null,
        walkForward: null,
        reasons: [],
      };
      if (suggestion.status !== 'valid' || suggestion.proposedParams === null) {
        loop.rounds.push({ ...base, candidateParams: null, note: suggestion.failure?.message ?? 'no suggestion' });
        return finish(loop, 'finished', `round ${round}: the suggestion is ${suggestion.status}: ${suggestion.failure?.message ?? ''}`, startParams);
      }
      const candidate = suggestion.proposedParams;
      if (sameParams(candidate, baseline)) {
        loop.rounds.push({ ...base, candidateParams: candidate, note: 'the advisor proposes no change' });
        return finish(loop, 'finished', `round ${round}: the advisor proposes no change`, startParams);
      }
      const started = performance.now();
      const result = await deps.pool.run({ kind: 'compare', cols: dataset.cols, strategyId: loop.strategyId, baselineParams: baseline, candidateParams: candidate, config: dataset.config, comparison });
      if (signal.aborted) return finish(loop, 'cancelled', `cancelled during round ${round}`, startParams);
      const { report } = result;
      const record = comparisonRecord({
        runId: randomUUID(),
        createdAt: clock().toISOString(),
        comparison: report,
        candidate: result.candidate,
        durationMs: Math.round(performance.now() - started),
      });
      if (deps.simulations.record(record).status === 'created') {
        deps.audit.append('simulation.run', simulationRunAudit(record));
        await deps.onRecorded?.(record);
      }
      loop.rounds.push({
        ...base,
        candidateParams: candidate,
        note: null,
        simulationRunId: record.runId,
        verdict: report.verdict,
        overfitting: report.overfitting,
        inSample: report.inSample,
        outOfSample: report.outOfSample,
        walkForward: {
          stitched: { baseline: report.walkForward.stitched.baseline, candidate: report.walkForward.stitched.candidate },
          efficiency: report.walkForward.efficiency,
          overfitting: report.walkForward.overfitting,
        },
        reasons: report.reasons,
      });
      lastComparison = { runId: record.runId, baselineParams: baseline, candidateParams: candidate, verdict: report.verdict, overfitting: report.overfitting, reasons: report.reasons };
      if (report.verdict !== 'better') return finish(loop, 'finished', `round ${round}: no improvement (verdict ${report.verdict})`, startParams);
      baseline = candidate;
    }
    finish(loop, 'finished', `all ${request.rounds} round(s) done`, startParams);
  }

  return {
    async start(strategyId, request, requestId) {
      const { entry, params } = reviewedStrategy(strategyId, request.params);
      const dataset = await loadDataset(deps.market, request.dataset);
      const loop: ReviewLoop = {
        loopId: randomUUID(),
        strategyId: entry.id,
        source: deps.reviews.advisorFor(request.advisor).source,
        state: 'running',
        roundsRequested: request.rounds,
        rounds: [],
        stopReason: null,
        report: null,
        startedAt: clock().toISOString(),
        finishedAt: null,
      };
      const abort = new AbortController();
      loops.set(loop.loopId, { loop, abort, startParams: params });
      forget();
      run(loop, request, dataset, params, abort.signal, requestId).catch((error: unknown) => {
        finish(loop, abort.signal.aborted ? 'cancelled' : 'failed', abort.signal.aborted ? 'cancelled' : `failed: ${(error as Error).message}`, params);
      });
      return structuredClone(loop);
    },
    get: (loopId) => {
      const found = loops.get(loopId);
      return found === undefined ? undefined : structuredClone(found.loop);
    },
    cancel: (loopId) => {
      const found = loops.get(loopId);
      if (found === undefined) return undefined;
      found.abort.abort(new Error('review loop cancelled'));
      finish(found.loop, 'cancelled', `cancelled by the operator after ${found.loop.rounds.length} round(s)`, found.startParams);
      return structuredClone(found.loop);
    },
    close: () => {
      for (const { loop, abort, startParams } of loops.values()) {
        if (loop.state !== 'running') continue;
        abort.abort(new Error('relay shutting down'));
        finish(loop, 'cancelled', 'the relay shut down', startParams);
      }
    },
  };
}
