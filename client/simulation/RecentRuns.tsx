import { STRATEGIES } from '../../shared/strategy/index.ts';
import { formatPct, formatTime } from './result-view.ts';
import { useRecentRuns, useRetryRunPost } from './run-queries.ts';
import type { StoredRun } from './simulation-db.ts';
import { ShowOnChartButton } from './ShowOnChartButton.tsx';

interface Props {
  /** A job is running: opening another run waits. */
  busy: boolean;
  /** The run the report above shows, if any. */
  openRunId: string | null;
  onOpen: (run: StoredRun) => void;
}

/** Runs kept in IndexedDB, newest first, with whether the relay has recorded them; each can be opened again. */
export function RecentRuns({ busy, openRunId, onOpen }: Props) {
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
          <th>Max drawdown</th>
          <th>Verdict</th>
          <th>Relay</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {runs.map((r) => (
          <tr key={r.runId} data-testid="sim-recent-run" data-run-id={r.runId} data-relay-status={r.relay.status} className={r.runId === openRunId ? 'shown' : undefined}>
            <td>{formatTime(Date.parse(r.createdAt))}</td>
            <td>{r.kind}</td>
            <td title={`${r.run.strategy.id}@${r.run.strategy.version}`}>{STRATEGIES[r.run.strategy.id]?.name ?? r.run.strategy.id}</td>
            <td>
              {r.run.symbol} {r.run.interval}
            </td>
            <td title={r.run.dataset.hash}>{r.run.dataset.candles}</td>
            <td>{formatPct(r.run.metrics.netReturn)}</td>
            <td>{formatPct(r.run.metrics.maxDrawdown)}</td>
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
            <td className="sim-run-actions">
              <button type="button" data-testid="sim-open-run" disabled={busy} onClick={() => onOpen(r)}>
                {r.runId === openRunId ? 'Shown above' : 'Open'}
              </button>
              <ShowOnChartButton run={r} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
