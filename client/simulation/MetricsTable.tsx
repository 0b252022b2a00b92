import type { Assumptions, Metrics } from '../../shared/backtest/index.ts';
import { formatNumber, formatPct } from './result-view.ts';

type Column = { label: string; metrics: Metrics };

const ROWS: { key: keyof Metrics; label: string; format: (m: Metrics) => string }[] = [
  { key: 'netReturn', label: 'Net return', format: (m) => formatPct(m.netReturn) },
  { key: 'maxDrawdown', label: 'Max drawdown', format: (m) => formatPct(m.maxDrawdown) },
  { key: 'winRate', label: 'Win rate', format: (m) => formatPct(m.winRate, 1) },
  { key: 'sharpe', label: 'Sharpe-like', format: (m) => formatNumber(m.sharpe) },
  { key: 'tradeCount', label: 'Trades', format: (m) => String(m.tradeCount) },
  { key: 'profitFactor', label: 'Profit factor', format: (m) => formatNumber(m.profitFactor) },
  { key: 'exposure', label: 'Exposure', format: (m) => formatPct(m.exposure, 1) },
  { key: 'feesPaid', label: 'Fees paid', format: (m) => formatNumber(m.feesPaid) },
  { key: 'finalEquity', label: 'Final equity', format: (m) => formatNumber(m.finalEquity) },
  { key: 'rejectedOrders', label: 'Rejected orders', format: (m) => String(m.rejectedOrders) },
];

/** Metrics side by side, with the assumptions they rest on stated under them. */
export function MetricsTable({ columns, assumptions }: { columns: Column[]; assumptions: Assumptions }) {
  return (
    <div className="sim-metrics">
      <table className="sim-table" data-testid="sim-metrics">
        <thead>
          <tr>
            <th>Metric</th>
            {columns.map((c) => (
              <th key={c.label}>{c.label}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {ROWS.map((row) => (
            <tr key={row.key} data-testid={`metric-${row.key}`}>
              <td>{row.label}</td>
              {columns.map((c) => (
                <td key={c.label}>{row.format(c.metrics)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="sim-assumptions" data-testid="sim-assumptions">
        Assumptions: starting balance {formatNumber(assumptions.initialQuote)} (quote); maker fee{' '}
        {formatPct(assumptions.makerFee, 3)}, taker fee {formatPct(assumptions.takerFee, 3)}, slippage {assumptions.slippageBps} bps; tick{' '}
        {assumptions.instrument.tickSize}, lot {assumptions.instrument.basePrecision}, min order {assumptions.instrument.minOrderAmt}. Fill model:{' '}
        {assumptions.fillModel}.
      </p>
    </div>
  );
}
