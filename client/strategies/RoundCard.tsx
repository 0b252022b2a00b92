import type { ReviewRound, StoredSuggestion } from '../../shared/ai/index.ts';
import type { Metrics } from '../../shared/backtest/schemas.ts';
import { formatNumber, formatPct } from '../simulation/result-view.ts';
import { SuggestionSummary } from './SuggestionSummary.tsx';

interface Props {
  strategyId: string;
  round: ReviewRound;
  /** The stored suggestion of the round, once the list has it. */
  suggestion: StoredSuggestion | undefined;
  /** The loop's report names this round's candidate as the best found. */
  best: boolean;
  readOnly: boolean;
  busy: boolean;
  onShowRun: (runId: string) => void;
  onDraft: (params: Record<string, unknown>) => void;
}

type Sides = { baseline: Metrics; candidate: Metrics } | null;

function SideRow({ label, sides }: { label: string; sides: Sides }) {
  if (sides === null) return null;
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>{formatPct(sides.baseline.netReturn)}</td>
      <td>{formatPct(sides.candidate.netReturn)}</td>
      <td>{formatPct(sides.baseline.maxDrawdown)}</td>
      <td>{formatPct(sides.candidate.maxDrawdown)}</td>
      <td>
        {sides.baseline.tradeCount} / {sides.candidate.tradeCount}
      </td>
    </tr>
  );
}

/** One round of the loop: the advisor's suggestion, and beside it the comparison of its params against the round's baseline. */
export function RoundCard({ strategyId, round, suggestion, best, readOnly, busy, onShowRun, onDraft }: Props) {
  const runId = round.simulationRunId;
  const candidate = round.candidateParams;
  return (
    <li className="wb-card wb-round" data-testid="review-round" data-round={round.round} data-verdict={round.verdict ?? ''}>
      <h4>
        Round {round.round}
        {round.verdict && (
          <span className={`wb-verdict wb-verdict-${round.verdict}`} data-testid="round-verdict">
            {round.verdict}
          </span>
        )}
        {round.overfitting && <span className="wb-flag">overfitting</span>}
        {best && <span className="wb-best">best candidate</span>}
      </h4>
      {suggestion ? <SuggestionSummary strategyId={strategyId} suggestion={suggestion} /> : <p className="state muted">suggestion {round.suggestionId.slice(0, 8)}</p>}
      {round.note && <p className="state">{round.note}</p>}
      {runId !== null && (
        <div className="wb-scroll">
          <table className="sim-table wb-round-table" data-testid="round-comparison">
            <thead>
              <tr>
                <th />
                <th>Baseline return</th>
                <th>Candidate return</th>
                <th>Baseline drawdown</th>
                <th>Candidate drawdown</th>
                <th>Trades</th>
              </tr>
            </thead>
            <tbody>
              <SideRow label="In-sample" sides={round.inSample} />
              <SideRow label="Out-of-sample" sides={round.outOfSample} />
              <SideRow label="Walk-forward (stitched)" sides={round.walkForward?.stitched ?? null} />
            </tbody>
          </table>
        </div>
      )}
      {round.walkForward && (
        <p className="state">
          Walk-forward efficiency {round.walkForward.efficiency === null ? 'n/a (no in-sample edge to keep)' : formatNumber(round.walkForward.efficiency)}
          {round.walkForward.overfitting ? ' — flagged as overfitting' : ''}
        </p>
      )}
      {round.reasons.length > 0 && (
        <ul className="wb-reasons">
          {round.reasons.map((r, i) => (
            <li key={i}>{r}</li>
          ))}
        </ul>
      )}
      <div className="wb-actions">
        {runId !== null && (
          <button type="button" data-testid="round-show" onClick={() => onShowRun(runId)}>
            Show comparison
          </button>
        )}
        {!readOnly && candidate !== null && runId !== null && (
          <button type="button" data-testid="round-draft" disabled={busy} onClick={() => onDraft(candidate)} title="Create a draft version with these params; it still needs approval">
            Draft a version with these params
          </button>
        )}
      </div>
    </li>
  );
}
