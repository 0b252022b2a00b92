import type { DataChangedScope, UTCTimestamp } from 'lightweight-charts';
import { useContext, useEffect, useMemo, useState } from 'react';
import { INTERVAL_MS, type Interval } from '../../shared/market/index.ts';
import { browserCandleCache } from '../cache/browser-candle-cache.ts';
import { loadCandles } from '../cache/load-candles.ts';
import { ChartContext, useChartApi } from '../chart/chart-context.tsx';
import { clearTradeMarkers, setTradeMarkers } from '../chart/primitives/trade-markers.ts';
import { STRATEGIES } from '../../shared/strategy/index.ts';
import { clearChartRun, focusDone, isFocusRequested, useChartRunId } from './chart-run-choice.ts';
import { markersWithin, runChartMarkers, runFocusRange, shortRunId } from './run-chart-markers.ts';
import { useStoredRun } from './run-queries.ts';
import './chart-run-markers.css';

/**
 * Entry/exit markers of the run chosen with "Show on chart" on the main candle series, above the
 * drawings, with a chip naming the run that clears the choice. Both belong to the run's own
 * symbol and interval: another chart shows neither. Right after "Show on chart" the chart loads
 * back to the run's first candle and frames its period. Mounted inside <ChartWorkspace>'s chart frame.
 */
export function ChartRunMarkers({ symbol, interval }: { symbol: string; interval: Interval }) {
  const api = useChartApi();
  const controller = useContext(ChartContext);
  const runId = useChartRunId();
  const stored = useStoredRun(runId);
  const [shown, setShown] = useState(0);
  const [focused, setFocused] = useState(false);

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
      // A trade's arrows must not hide under a zone or line drawn over the same bars.
      setTradeMarkers(series, visible).applyOptions?.({ zOrder: 'top' });
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

  useEffect(() => {
    if (api === null || controller === null || run === null || plan?.kind !== 'markers' || !isFocusRequested(run.runId)) return;
    let cancelled = false;
    let started = false;
    /** The zoom before the run was framed, given back when this chart is left (else the next symbol opens squeezed). */
    let zoomedFrom: { minBarSpacing: number; barSpacing: number } | null = null;
    const { loadFrom, visible } = runFocusRange(run.run.dataset, interval);
    const focus = async () => {
      started = true;
      const oldest = controller.getCandles()[0]!.openTime;
      if (loadFrom < oldest) {
        // The run's candles were cached when it ran, so this is mostly an IndexedDB read.
        const older = await loadCandles(browserCandleCache(), symbol, interval, loadFrom, oldest - INTERVAL_MS[interval]);
        if (cancelled) return;
        controller.prepend(older.candles);
      }
      // lightweight-charts will not draw bars thinner than minBarSpacing (0.5 px by default), which
      // would cut a few days of 1m candles down to their end: let it zoom out far enough.
      const bars = (visible.to - visible.from) / (INTERVAL_MS[interval] / 1000) + 1;
      const spacing = api.chart.timeScale().width() / bars;
      const { minBarSpacing, barSpacing } = api.chart.options().timeScale;
      if (spacing < minBarSpacing) {
        zoomedFrom = { minBarSpacing, barSpacing };
        api.chart.applyOptions({ timeScale: { minBarSpacing: spacing * 0.9 } });
      }
      api.chart.timeScale().setVisibleRange({ from: visible.from as UTCTimestamp, to: visible.to as UTCTimestamp });
      focusDone(run.runId);
      setFocused(true);
    };
    // The history loader's first page replaces the series and scrolls to now: frame the run after it.
    const stop = controller.onHistoryChanged(() => {
      if (!started && !cancelled && controller.getCandles().length > 0) void focus();
    });
    if (controller.getCandles().length > 0) void focus();
    return () => {
      cancelled = true;
      stop();
      if (zoomedFrom) api.chart.applyOptions({ timeScale: zoomedFrom });
    };
  }, [api, controller, run, plan, symbol, interval]);

  if (runId === null || stored.isPending || plan?.kind === 'other-chart') return null;
  const name = run ? (STRATEGIES[run.run.strategy.id]?.name ?? run.run.strategy.id) : '';
  const total = plan?.kind === 'markers' ? plan.markers.length : 0;
  return (
    <div className="chart-run-chip" data-testid="chart-run-chip" data-run-id={runId} data-trade-markers={shown} data-run-markers={total} data-focused={focused}>
      <span title={runId}>
        {stored.error
          ? `Cannot read run ${shortRunId(runId)}: ${stored.error.message}`
          : run === null
            ? `Run ${shortRunId(runId)} is not stored in this browser`
            : `Trades from run ${shortRunId(runId)} · ${name}`}
        {plan?.kind === 'no-trades' && ' (saved without trades; run it again)'}
        {plan?.kind === 'markers' && shown < total && ` · ${shown}/${total} markers in loaded candles`}
      </span>
      <button type="button" data-testid="chart-run-clear" aria-label="Clear run markers" title="Clear run markers" onClick={() => clearChartRun()}>
        ×
      </button>
    </div>
  );
}
