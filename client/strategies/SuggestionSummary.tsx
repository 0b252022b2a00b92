import type { StoredSuggestion } from '../../shared/ai/index.ts';
import { formatPct, formatTime } from '../simulation/result-view.ts';
import { paramChanges } from './param-changes.ts';
import { ParamChangeList } from './ParamChangeList.tsx';

interface Props {
  strategyId: string;
  suggestion: StoredSuggestion;
}

/** One advisor answer in words: who answered, what it proposes (from → to), why, how sure, and what could go wrong. */
export function SuggestionSummary({ strategyId, suggestion: s }: Props) {
  const changes = s.proposedParams === null ? [] : paramChanges(strategyId, s.baseParams, s.proposedParams);
  return (
    <div className="wb-suggestion" data-testid="suggestion" data-suggestion-id={s.id}>
      <p className="state">
        <span className={`wb-source wb-source-${s.source}`} data-testid="suggestion-source">
          {s.source === 'local' ? 'local advisor' : s.source === 'standin' ? 'stand-in (offline)' : 'OpenRouter'}
        </span>{' '}
        {s.model} · {formatTime(Date.parse(s.createdAt))} UTC · {s.status}
        {s.suggestion && <> · confidence {formatPct(s.suggestion.confidence, 0)}</>}
      </p>
      {s.failure && (
        <p className="state error" data-testid="suggestion-failure">
          {s.failure.code}: {s.failure.message}
        </p>
      )}
      {s.suggestion && (
        <>
          {changes.length === 0 ? (
            <p className="state muted">no change proposed</p>
          ) : (
            <ParamChangeList changes={changes} testId="suggestion-deltas" />
          )}
          <p className="wb-rationale" data-testid="suggestion-rationale">
            {s.suggestion.rationale}
          </p>
          {s.suggestion.riskNotes.length > 0 && (
            <ul className="wb-risks" data-testid="suggestion-risks" aria-label="Risk notes">
              {s.suggestion.riskNotes.map((note, i) => (
                <li key={i}>⚠ {note}</li>
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  );
}
