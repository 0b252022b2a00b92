import { AreaSeries, LineSeries, LineStyle } from 'lightweight-charts';
import { useEffect } from 'react';
import type { Interval } from '../../shared/market/index.ts';
import { CHART_COLORS } from '../chart/chart-theme.ts';
import type { BacktestOutput } from './backtest-worker-api.ts';
import { closeTimeSeries } from './result-view.ts';
import { useChart } from './use-chart.ts';

interface Props {
  interval: Interval;
  main: BacktestOutput;
  /** A comparison draws the baseline's equity beside the candidate's. */
  baseline?: BacktestOutput;
}

const COLORS = { equity: '#f0b90b', baseline: '#7f889e', benchmark: '#5b9cf6' };

/** Equity (quote) against buy and hold from the same balance, and drawdown (% below the running peak) over the run. */
export function EquityCharts({ interval, main, baseline }: Props) {
  const { ref: equityRef, chart: equityChart } = useChart(240);
  const { ref: drawdownRef, chart: drawdownChart } = useChart(140);

  useEffect(() => {
    const chart = equityChart;
    if (!chart) return;
    const benchmark = chart.addSeries(LineSeries, { color: COLORS.benchmark, lineWidth: 1, lineStyle: LineStyle.Dashed, title: 'buy & hold' });
    benchmark.setData(closeTimeSeries(main.time, main.benchmark, interval));
    const series = [benchmark];
    if (baseline) {
      const b = chart.addSeries(LineSeries, { color: COLORS.baseline, lineWidth: 1, title: 'baseline' });
      b.setData(closeTimeSeries(baseline.time, baseline.equity, interval));
      series.push(b);
    }
    const equity = chart.addSeries(LineSeries, { color: COLORS.equity, lineWidth: 2, title: baseline ? 'candidate' : 'strategy' });
    equity.setData(closeTimeSeries(main.time, main.equity, interval));
    series.push(equity);
    chart.timeScale().fitContent();
    return () => series.forEach((s) => chart.removeSeries(s));
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
    return () => chart.removeSeries(series);
  }, [drawdownChart, main, interval]);

  return (
    <div className="sim-equity">
      <h4>Equity (quote)</h4>
      <ul className="sim-legend" data-testid="sim-equity-legend">
        <li>
          <i style={{ background: COLORS.equity }} />
          {baseline ? 'Candidate' : 'Strategy'}
        </li>
        {baseline && (
          <li>
            <i style={{ background: COLORS.baseline }} />
            Baseline
          </li>
        )}
        <li>
          <i className="dashed" style={{ borderColor: COLORS.benchmark }} />
          Buy and hold (same start balance and fees)
        </li>
      </ul>
      <div ref={equityRef} className="sim-chart" data-testid="sim-equity-chart" data-points={main.equity.length} data-benchmark-points={main.benchmark.length} />
      <h4>Drawdown (% below the running peak)</h4>
      <div ref={drawdownRef} className="sim-chart" data-testid="sim-drawdown-chart" data-points={main.drawdown.length} />
    </div>
  );
}
