import { useMemo, useState } from 'react';
import { useReadOnly } from '../access/read-only.ts';
import { STRATEGY_IDS } from '../../shared/strategy/index.ts';
import { useSymbols } from '../market/market-queries.ts';
import { ComparisonView } from './ComparisonView.tsx';
import { EquityCharts } from './EquityCharts.tsx';
import { MetricsTable } from './MetricsTable.tsx';
import { PriceChart } from './PriceChart.tsx';
import { RecentRuns } from './RecentRuns.tsx';
import { ShowOnChartButton } from './ShowOnChartButton.tsx';
import { SimulationFormView } from './SimulationFormView.tsx';
import { SweepResults } from './SweepResults.tsx';
import { TradesTable } from './TradesTable.tsx';
import { checkComparison, checkRunInputs, checkSweep, defaultForm, type SimulationForm } from './simulation-form.ts';
import { useSimulationJobs, type SimulationResult } from './use-simulation-jobs.ts';
import './simulation.css';

/** Backtests, baseline-vs-candidate comparisons and parameter sweeps, run in Web Workers. */
export function SimulationPage() {
  const symbols = useSymbols();
  const [form, setForm] = useState<SimulationForm>(() => defaultForm(STRATEGY_IDS[0] ?? 'ema-rsi', Date.now()));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const jobs = useSimulationJobs();
  const readOnly = useReadOnly();
  const symbolNames = useMemo(() => (symbols.data ?? []).map((s) => s.symbol).sort(), [symbols.data]);

  const inputs = () => {
    const instrument = symbols.data?.find((s) => s.symbol === form.symbol);
    if (!symbols.data) {
      jobs.reportInvalid(symbols.error ? `cannot load symbols from the relay: ${symbols.error.message}` : 'symbols are still loading; try again in a moment');
      return null;
    }
    return checkRunInputs(form, instrument, Date.now());
  };

  const submit = (kind: 'run' | 'compare' | 'sweep') => {
    const run = inputs();
    if (!run) return;
    const compare = kind === 'compare' ? checkComparison(form) : null;
    const sweep = kind === 'sweep' ? checkSweep(form) : null;
    const all = { ...(run.ok ? {} : run.errors), ...(compare && !compare.ok ? compare.errors : {}), ...(sweep && !sweep.ok ? sweep.errors : {}) };
    setErrors(all);
    if (!run.ok || compare?.ok === false || sweep?.ok === false) {
      jobs.reportInvalid(`fix the highlighted fields: ${Object.values(all)[0] ?? ''}`);
      return;
    }
    if (compare?.ok) void jobs.runComparison(run.value, compare.value.baselineParams, compare.value.comparison);
    else if (sweep?.ok) void jobs.runSweep(run.value, sweep.value);
    else void jobs.runBacktest(run.value);
  };

  const { job } = jobs;
  const pct = job.progress && job.progress.total > 0 ? Math.round((job.progress.done / job.progress.total) * 100) : 0;
  return (
    <div className="sim-page" data-testid="simulation-page">
      <div className="toolbar">
        <h2>Simulate</h2>
        <span className="state">Backtests run in Web Workers on cached candles; sweeps use {jobs.poolSize} workers.</span>
      </div>
      <SimulationFormView
        form={form}
        errors={errors}
        symbols={symbolNames}
        busy={job.running}
        blockedReason={readOnly ? 'Viewers cannot run simulations: every run is recorded on the relay, which needs the operator token' : null}
        onChange={setForm}
        onRun={() => submit('run')}
        onCompare={() => submit('compare')}
        onSweep={() => submit('sweep')}
      />
      {job.running && (
        <div className="sim-progress" data-testid="sim-progress">
          <progress max={100} value={pct} />
          <span>
            {job.progress?.phase} {job.progress && job.progress.total > 1 ? `${job.progress.done}/${job.progress.total}` : ''}
          </span>
          <button type="button" data-testid="sim-cancel" onClick={jobs.cancel}>
            Cancel
          </button>
        </div>
      )}
      {job.error && (
        <p className="state error" role="alert" data-testid="sim-error">
          {job.error}
        </p>
      )}
      {job.warning && (
        <p className="state warn" data-testid="sim-warning">
          {job.warning}
        </p>
      )}
      {jobs.result && !job.running && (
        <Results
          result={jobs.result}
          elapsedMs={job.elapsedMs}
          onUseSweepValue={(param, value) => setForm({ ...form, params: { ...form.params, [param]: String(value) } })}
        />
      )}
      <section className="sim-section">
        <h3>Recent runs</h3>
        <RecentRuns />
      </section>
    </div>
  );
}

function Results({ result, elapsedMs, onUseSweepValue }: { result: SimulationResult; elapsedMs: number | null; onUseSweepValue: (param: string, value: unknown) => void }) {
  const took = elapsedMs === null ? '' : ` in ${(elapsedMs / 1000).toFixed(2)} s`;
  if (result.kind === 'sweep') {
    return (
      <section className="sim-section" data-testid="sim-results" data-kind="sweep">
        <h3>
          Sweep of {result.range.param}: {result.points.length} candidates{took}
        </h3>
        <SweepResults param={result.range.param} points={result.points} onUse={(v) => onUseSweepValue(result.range.param, v)} />
      </section>
    );
  }
  const main = result.kind === 'backtest' ? result.output : result.output.candidate;
  const report = main.report;
  const relay = result.stored.relay;
  return (
    <section className="sim-section" data-testid="sim-results" data-kind={result.kind} data-run-id={result.stored.runId}>
      <h3>
        {report.strategy.id}@{report.strategy.version} on {report.symbol} {report.interval}: {report.dataset.candles} candles{took}
      </h3>
      <p className="state" data-testid="sim-run-meta">
        Run {result.stored.runId} · dataset {report.dataset.hash} ·{' '}
        <span data-testid="sim-relay-status" data-status={relay.status}>
          {relay.status === 'posted' ? 'recorded by the relay' : `not recorded by the relay: ${relay.error ?? relay.status}`}
        </span>{' '}
        <ShowOnChartButton run={result.stored} />
      </p>
      {result.kind === 'comparison' && <ComparisonView report={result.output.comparison} />}
      <MetricsTable
        columns={
          result.kind === 'comparison'
            ? [
                { label: 'Baseline (whole range)', metrics: result.output.baseline.report.metrics },
                { label: 'Candidate (whole range)', metrics: report.metrics },
              ]
            : [{ label: 'Value', metrics: report.metrics }]
        }
        assumptions={report.assumptions}
      />
      <h4>Price with {result.kind === 'comparison' ? 'candidate ' : ''}entries and exits</h4>
      <PriceChart candles={result.candles} trades={report.trades} />
      <EquityCharts interval={report.interval} main={main} {...(result.kind === 'comparison' ? { baseline: result.output.baseline } : {})} />
      <h4>Trades ({report.trades.length})</h4>
      <TradesTable trades={report.trades} />
    </section>
  );
}
