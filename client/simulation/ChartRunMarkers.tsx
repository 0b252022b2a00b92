import type { DataChangedScope } from 'lightweight-charts';
import { useEffect, useMemo, useState } from 'react';
import type { Interval } from '../../shared/market/index.ts';
import { useChartApi } from '../chart/chart-context.tsx';
import { clearTradeMarkers, setTradeMarkers } from '../chart/primitives/trade-markers.ts';
import { clearChartRun, useChartRunId } from './chart-run-choice.ts';
import { markersWithin, runChartMarkers, shortRunId } from './run-chart-markers.ts';
import { useStoredRun } from './run-queries.ts';
import './chart-run-markers.css';

/**
 * Entry/exit markers of the run chosen with "Show on chart" on the main candle series, with a chip
 * naming the run that clears the choice. Mounted inside <ChartWorkspace>'s chart frame.
 */
export function ChartRunMarkers({ symbol, interval }: { symbol: string; interval: Interval }) {
  const api = useChartApi();
  const runId = useChartRunId();
  const stored = useStoredRun(runId);
  const [shown, setShown] = useState(0);

  const run = stored.data ?? null;
  const plan = useMemo(() => (run ? runChartMarkers(run, symbol, interval) : null), [run, symbol, interval]);

  useEffect(() => {
    if (api === null || plan?.kind !== 'markers') return;
    const series = api.candleSeries;
    // Only a full replace moves the loaded range (first load, paging back, symbol switch); live
    // ticks arrive as updates and would otherwise copy the whole history on every tick.
    const apply = (scope: DataChangedScope = 'full') => {
      if (scope !== 'full') return;
      const data = series.data();
      const first = data[0];
      const last = data.at(-1);
      const visible = first && last ? markersWithin(plan.markers, Number(first.time), Number(last.time)) : [];
      setTradeMarkers(series, visible);
      setShown(visible.length);
    };
    apply();
    series.subscribeDataChanged(apply);
    return () => {
      series.unsubscribeDataChanged(apply);
      clearTradeMarkers(series);
      setShown(0);
    };
  }, [api, plan]);

  if (runId === null || stored.isPending) return null;
  const name = run ? `${run.run.strategy.id}@${run.run.strategy.version}` : '';
  const total = plan?.kind === 'markers' ? plan.markers.length : 0;
  return (
    <div className="chart-run-chip" data-testid="chart-run-chip" data-run-id={runId} data-trade-markers={shown} data-run-markers={total}>
      <span title={runId}>
        {stored.error
          ? `Cannot read run ${shortRunId(runId)}: ${stored.error.message}`
          : run === null
            ? `Run ${shortRunId(runId)} is not stored in this browser`
            : `Trades from run ${shortRunId(runId)} · ${name}`}
        {plan?.kind === 'other-chart' && ` (on ${plan.symbol} ${plan.interval}, not this chart)`}
        {plan?.kind === 'no-trades' && ' (saved without trades; run it again)'}
        {plan?.kind === 'markers' && shown < total && ` · ${shown}/${total} markers in loaded candles`}
      </span>
      <button type="button" data-testid="chart-run-clear" aria-label="Clear run markers" title="Clear run markers" onClick={() => clearChartRun()}>
        ×
      </button>
    </div>
  );
}
