import type { StoredRun } from './simulation-db.ts';
import { formatPct, formatTime } from './result-view.ts';
import { ShowOnChartButton } from './ShowOnChartButton.tsx';

/** Runs kept in IndexedDB, newest first, with whether the relay has recorded them. */
export function RecentRuns({ runs, onRetry }: { runs: readonly StoredRun[]; onRetry: (run: StoredRun) => void }) {
  if (runs.length === 0) return <p className="state">No runs yet.</p>;
  return (
    <table className="sim-table" data-testid="sim-recent-runs">
      <thead>
        <tr>
          <th>Finished (UTC)</th>
          <th>Kind</th>
          <th>Strategy</th>
          <th>Market</th>
          <th>Candles</th>
          <th>Net return</th>
          <th>Verdict</th>
          <th>Relay</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {runs.map((r) => (
          <tr key={r.runId} data-testid="sim-recent-run" data-run-id={r.runId} data-relay-status={r.relay.status}>
            <td>{formatTime(Date.parse(r.createdAt))}</td>
            <td>{r.kind}</td>
            <td>
              {r.run.strategy.id}@{r.run.strategy.version}
            </td>
            <td>
              {r.run.symbol} {r.run.interval}
            </td>
            <td title={r.run.dataset.hash}>{r.run.dataset.candles}</td>
            <td>{formatPct(r.run.metrics.netReturn)}</td>
            <td>{r.run.verdict ?? '—'}</td>
            <td>
              {r.relay.status === 'failed' ? (
                <button type="button" title={r.relay.error ?? ''} onClick={() => onRetry(r)}>
                  not recorded — retry
                </button>
              ) : (
                r.relay.status
              )}
            </td>
            <td>
              <ShowOnChartButton run={r} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
