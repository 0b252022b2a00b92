import { AreaSeries, LineSeries } from 'lightweight-charts';
import { useEffect } from 'react';
import type { Interval } from '../../shared/market/index.ts';
import { CHART_COLORS } from '../chart/chart-theme.ts';
import type { BacktestOutput } from './backtest-worker-api.ts';
import { closeTimeSeries } from './result-view.ts';
import { removeSeries, useChart } from './use-chart.ts';

interface Props {
  interval: Interval;
  main: BacktestOutput;
  /** A comparison draws the baseline's equity beside the candidate's. */
  baseline?: BacktestOutput;
}

/** Equity (quote) and drawdown (% below the running peak) over the run. */
export function EquityCharts({ interval, main, baseline }: Props) {
  const { ref: equityRef, chart: equityChart } = useChart(220);
  const { ref: drawdownRef, chart: drawdownChart } = useChart(140);

  useEffect(() => {
    const chart = equityChart;
    if (!chart) return;
    const series = [chart.addSeries(LineSeries, { color: '#f0b90b', lineWidth: 2, title: baseline ? 'candidate' : 'equity' })];
    series[0]!.setData(closeTimeSeries(main.time, main.equity, interval));
    if (baseline) {
      const b = chart.addSeries(LineSeries, { color: '#7f889e', lineWidth: 1, title: 'baseline' });
      b.setData(closeTimeSeries(baseline.time, baseline.equity, interval));
      series.push(b);
    }
    chart.timeScale().fitContent();
    return () => series.forEach((s) => removeSeries(chart, s));
  }, [equityChart, main, baseline, interval]);

  useEffect(() => {
    const chart = drawdownChart;
    if (!chart) return;
    const series = chart.addSeries(AreaSeries, {
      lineColor: CHART_COLORS.down,
      topColor: 'rgba(239, 83, 80, 0.05)',
      bottomColor: 'rgba(239, 83, 80, 0.4)',
      lineWidth: 1,
      priceFormat: { type: 'percent' },
      title: 'drawdown %',
    });
    series.setData(closeTimeSeries(main.time, main.drawdown, interval, -100));
    chart.timeScale().fitContent();
    return () => removeSeries(chart, series);
  }, [drawdownChart, main, interval]);

  return (
    <div className="sim-equity">
      <h4>Equity</h4>
      <div ref={equityRef} className="sim-chart" data-testid="sim-equity-chart" data-points={main.equity.length} />
      <h4>Drawdown</h4>
      <div ref={drawdownRef} className="sim-chart" data-testid="sim-drawdown-chart" data-points={main.drawdown.length} />
    </div>
  );
}
