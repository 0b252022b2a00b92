import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { MAX_LOOP_ROUNDS, type ReviewLoop, type StoredSuggestion } from '../../shared/ai/index.ts';
import { candleOpenTime, INTERVAL_MS } from '../../shared/market/interval.ts';
import type { StrategyEntry } from '../../shared/strategy/index.ts';
import type { CreateVersionRequest, StrategyVersion } from '../../shared/strategy-versions/index.ts';
import { formatTime } from '../simulation/result-view.ts';
import { actionError } from './action-error.ts';
import { RoundCard } from './RoundCard.tsx';
import { invalidateSuggestions, useCancelLoop, useReviewLoop, useStartLoop, useSuggestions } from './review-queries.ts';
import { SuggestionSummary } from './SuggestionSummary.tsx';
import { invalidateVersions } from './version-queries.ts';

interface Props {
  entry: StrategyEntry;
  /** The version whose params are reviewed (the active one, else the newest); the defaults when none. */
  base: StrategyVersion | null;
  readOnly: boolean;
  busy: boolean;
  onShowRun: (runId: string, subject: string) => void;
  onDraft: (request: CreateVersionRequest) => void;
}

const DEFAULT_MARKET = { symbol: 'BTCUSDT', interval: '1m' } as const;
/** Candles a review works on: enough for a walk-forward of four windows at 1m, seconds per round with the local advisor. */
const REVIEW_CANDLES = 3000;
/** The relay keeps loops in memory; the browser remembers which one it started, so a reload shows it again. */
const loopKey = (strategyId: string) => `review-loop:${strategyId}`;

const SOURCE_LABEL: Record<ReviewLoop['source'], string> = {
  local: 'local advisor (seeded search on the in-sample window)',
  standin: 'OpenRouter stand-in (scripted, offline)',
  openrouter: 'OpenRouter',
};

/**
 * The AI review loop of a strategy: start N rounds on the reviewed version's market over its last
 * REVIEW_CANDLES closed candles, follow each round as it is simulated, cancel, and read the
 * decision-ready report. A suggestion is never applied: the operator may draft a version of its
 * params, which then goes through the same approval gate as any other.
 */
export function ReviewPanel({ entry, base, readOnly, busy, onShowRun, onDraft }: Props) {
  const [rounds, setRounds] = useState('3');
  const [advisor, setAdvisor] = useState<'auto' | 'local'>('local');
  const [loopId, setLoopId] = useState<string | null>(() => sessionStorage.getItem(loopKey(entry.id)));
  const [problem, setProblem] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const suggestions = useSuggestions(entry.id);
  const loop = useReviewLoop(loopId);
  const start = useStartLoop(entry.id);
  const cancel = useCancelLoop();

  const shown = loop.data;
  const roundsDone = shown?.rounds.length ?? 0;
  // Each finished round stored a suggestion and may have made a draft `simulated`.
  useEffect(() => {
    if (roundsDone === 0) return;
    void invalidateSuggestions(queryClient, entry.id);
    void invalidateVersions(queryClient, entry.id);
  }, [roundsDone, shown?.state, entry.id, queryClient]);

  const params = base?.params ?? entry.parseParams({});
  const market = base?.market ?? DEFAULT_MARKET;

  const submit = () => {
    setProblem(null);
    const n = Number(rounds);
    if (!Number.isInteger(n) || n < 1 || n > MAX_LOOP_ROUNDS) {
      setProblem(`rounds must be a whole number from 1 to ${MAX_LOOP_ROUNDS}`);
      return;
    }
    // The last closed candles, on their open times: the range the relay and the browser read alike, so "Show comparison" can re-run it.
    const step = INTERVAL_MS[market.interval];
    const to = candleOpenTime(Date.now(), market.interval) - step;
    const dataset = { symbol: market.symbol, interval: market.interval, from: to - (REVIEW_CANDLES - 1) * step, to };
    start.mutate(
      { rounds: n, params, dataset, advisor },
      {
        onSuccess: (started) => {
          sessionStorage.setItem(loopKey(entry.id), started.loopId);
          setLoopId(started.loopId);
        },
        onError: (err) => setProblem(actionError(err).message),
      },
    );
  };

  const byId = new Map((suggestions.data ?? []).map((s) => [s.id, s]));
  const loopError = loop.error ? actionError(loop.error).message : null;
  const running = shown?.state === 'running';

  return (
    <section className="wb-section" data-testid="wb-review" aria-label="AI review">
      <h3>AI review</h3>
      <p className="state muted">
        Each round asks the advisor for param changes on the in-sample window only, then simulates them against the round&apos;s baseline (in-sample,
        out-of-sample, walk-forward). Suggestions are never applied: draft a version from one, and it needs approval like any other.
      </p>
      {!readOnly && (
        <form
          className="wb-review-form"
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <label>
            Rounds
            <input data-testid="review-rounds" type="number" min={1} max={MAX_LOOP_ROUNDS} value={rounds} onChange={(e) => setRounds(e.target.value)} />
          </label>
          <label>
            Advisor
            <select data-testid="review-advisor" value={advisor} onChange={(e) => setAdvisor(e.target.value as 'auto' | 'local')}>
              <option value="local">local search</option>
              <option value="auto">configured AI (OpenRouter or its stand-in)</option>
            </select>
          </label>
          <span className="muted">
            on the last {REVIEW_CANDLES} closed {market.symbol} {market.interval} candles, from {base ? `v${base.version}` : 'the default params'}
          </span>
          <button type="submit" data-testid="review-start" disabled={busy || start.isPending || running}>
            Start review
          </button>
        </form>
      )}
      {(problem ?? loopError) && (
        <p className="state error" role="alert" data-testid="review-error">
          {problem ?? loopError}
        </p>
      )}
      {shown && (
        <div className="wb-loop" data-testid="review-loop" data-state={shown.state} data-loop-id={shown.loopId}>
          <p className="state" data-testid="review-progress">
            {running ? (
              <>
                <progress max={shown.roundsRequested} value={roundsDone} /> round {Math.min(roundsDone + 1, shown.roundsRequested)} of {shown.roundsRequested} running ·{' '}
              </>
            ) : (
              <>
                {shown.state} after {roundsDone} of {shown.roundsRequested} round(s): {shown.stopReason} ·{' '}
              </>
            )}
            <span data-testid="review-source">{SOURCE_LABEL[shown.source]}</span> · started {formatTime(Date.parse(shown.startedAt))} UTC
            {running && (
              <button type="button" data-testid="review-cancel" disabled={cancel.isPending} onClick={() => cancel.mutate(shown.loopId)}>
                Cancel
              </button>
            )}
          </p>
          {shown.report && (
            <p className="state" data-testid="review-report">
              <b>Report:</b> {shown.report.summary}
            </p>
          )}
          <ol className="wb-rounds">
            {shown.rounds.map((round) => (
              <RoundCard
                key={round.round}
                strategyId={entry.id}
                round={round}
                suggestion={byId.get(round.suggestionId)}
                best={shown.report?.bestRound === round.round}
                readOnly={readOnly}
                busy={busy}
                onShowRun={(runId) => onShowRun(runId, `round ${round.round}'s suggestion against its baseline`)}
                onDraft={(candidate) => onDraft({ params: candidate, market, ...(base ? { parentVersion: base.version } : {}), suggestionId: round.suggestionId, note: `AI review round ${round.round}` })}
              />
            ))}
          </ol>
        </div>
      )}
      <PastSuggestions suggestions={suggestions.data ?? []} strategyId={entry.id} />
    </section>
  );
}

/** Every stored review, valid or not, so failures stay visible. */
function PastSuggestions({ suggestions, strategyId }: { suggestions: readonly StoredSuggestion[]; strategyId: string }) {
  if (suggestions.length === 0) return null;
  return (
    <details className="wb-past" data-testid="past-suggestions">
      <summary>
        {suggestions.length} stored suggestion{suggestions.length === 1 ? '' : 's'}
      </summary>
      <ul>
        {suggestions.map((s) => (
          <li key={s.id} data-testid="past-suggestion" data-status={s.status}>
            <SuggestionSummary strategyId={strategyId} suggestion={s} />
          </li>
        ))}
      </ul>
    </details>
  );
}
