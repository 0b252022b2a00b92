import { formatPct, formatTime } from './result-view.ts';
import { useRecentRuns, useRetryRunPost } from './run-queries.ts';
import { ShowOnChartButton } from './ShowOnChartButton.tsx';

/** Runs kept in IndexedDB, newest first, with whether the relay has recorded them. */
export function RecentRuns() {
  const recent = useRecentRuns();
  const retry = useRetryRunPost();
  if (recent.error) {
    return (
      <p className="state error" role="alert" data-testid="sim-recent-runs-error">
        cannot read saved runs: {recent.error.message}
      </p>
    );
  }
  const runs = recent.data ?? [];
  if (runs.length === 0) return <p className="state">{recent.isPending ? 'Loading runs…' : 'No runs yet.'}</p>;
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
                <button type="button" title={r.relay.error ?? ''} onClick={() => retry.mutate(r)}>
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
