import { useEffect, useRef } from 'react';
import { ComparisonView } from '../simulation/ComparisonView.tsx';
import { EquityCharts } from '../simulation/EquityCharts.tsx';
import { MetricsTable } from '../simulation/MetricsTable.tsx';
import { formatTime } from '../simulation/result-view.ts';
import type { useSimulationJobs } from '../simulation/use-simulation-jobs.ts';
import '../simulation/simulation.css';

interface Props {
  jobs: ReturnType<typeof useSimulationJobs>;
  /** What the shown comparison is about, e.g. "v3 against v2". */
  subject: string | null;
}

/**
 * The simulation an approval would rest on, drawn with the Simulate page's own views: baseline and
 * candidate equity, the in-sample / out-of-sample / walk-forward tables with the overfitting flag,
 * and the assumptions. A recorded run is re-run on its own candles (checked by hash) to draw it.
 */
export function EvidencePanel({ jobs, subject }: Props) {
  const { job, result } = jobs;
  const ref = useRef<HTMLElement>(null);
  const shownRunId = result?.kind === 'comparison' ? result.stored.runId : null;
  // On a phone the panel sits below the lists: bring a newly shown comparison into view.
  useEffect(() => {
    if (shownRunId !== null) ref.current?.scrollIntoView({ block: 'nearest' });
  }, [shownRunId]);
  const pct = job.progress && job.progress.total > 0 ? Math.round((job.progress.done / job.progress.total) * 100) : 0;
  return (
    <section ref={ref} className="wb-evidence" data-testid="wb-evidence" aria-label="Simulation evidence">
      <h3>Simulation{subject ? `: ${subject}` : ''}</h3>
      {job.running && (
        <div className="sim-progress" data-testid="wb-evidence-progress">
          <progress max={100} value={pct} />
          <span>{job.progress?.phase}</span>
          <button type="button" data-testid="wb-evidence-cancel" onClick={jobs.cancel}>
            Cancel
          </button>
        </div>
      )}
      {job.error && (
        <p className="state error" role="alert" data-testid="wb-evidence-error">
          {job.error}
        </p>
      )}
      {job.warning && (
        <p className="state warn" data-testid="wb-evidence-warning">
          {job.warning}
        </p>
      )}
      {!job.running && result?.kind === 'comparison' ? (
        <div data-testid="wb-comparison" data-run-id={result.stored.runId}>
          <p className="state" data-testid="wb-comparison-meta">
            Run {result.stored.runId} of {formatTime(Date.parse(result.stored.createdAt))} UTC ·{' '}
            <span data-testid="wb-comparison-relay" data-status={result.stored.relay.status}>
              {result.stored.relay.status === 'posted' ? 'recorded by the relay' : `not recorded by the relay: ${result.stored.relay.error ?? result.stored.relay.status}`}
            </span>
          </p>
          <ComparisonView report={result.output.comparison} />
          <EquityCharts interval={result.inputs.interval} main={result.output.candidate} baseline={result.output.baseline} />
          <MetricsTable
            columns={[
              { label: 'Baseline', metrics: result.output.baseline.report.metrics },
              { label: 'Candidate', metrics: result.output.candidate.report.metrics },
              { label: 'Buy and hold', metrics: result.output.candidate.report.buyAndHold, benchmark: true },
            ]}
            assumptions={result.output.candidate.report.assumptions}
            symbol={result.inputs.symbol}
            interval={result.inputs.interval}
            dataset={result.output.candidate.report.dataset}
          />
        </div>
      ) : (
        !job.running && <p className="state">Simulate a version, or open the evidence of a version or suggestion, to see it here.</p>
      )}
    </section>
  );
}
