import { barsPerYear, type Assumptions, type DatasetRange, type Metrics } from '../../shared/backtest/index.ts';
import type { Interval } from '../../shared/market/index.ts';
import { formatNumber, formatPct, formatTime } from './result-view.ts';

/** `benchmark`: buy and hold has no trades of its own, so trade figures are left blank. */
type Column = { label: string; metrics: Metrics; benchmark?: boolean };

const ROWS: { key: keyof Metrics; label: string; perTrade?: boolean; format: (m: Metrics) => string }[] = [
  { key: 'netReturn', label: 'Net return', format: (m) => formatPct(m.netReturn) },
  { key: 'maxDrawdown', label: 'Max drawdown', format: (m) => formatPct(m.maxDrawdown) },
  { key: 'sharpe', label: 'Sharpe ratio (annualised)', format: (m) => formatNumber(m.sharpe) },
  { key: 'winRate', label: 'Win rate', perTrade: true, format: (m) => formatPct(m.winRate, 1) },
  { key: 'tradeCount', label: 'Trades', perTrade: true, format: (m) => String(m.tradeCount) },
  { key: 'profitFactor', label: 'Profit factor', perTrade: true, format: (m) => formatNumber(m.profitFactor) },
  { key: 'exposure', label: 'Exposure', format: (m) => formatPct(m.exposure, 1) },
  { key: 'feesPaid', label: 'Fees paid', format: (m) => formatNumber(m.feesPaid) },
  { key: 'finalEquity', label: 'Final equity', format: (m) => formatNumber(m.finalEquity) },
  { key: 'rejectedOrders', label: 'Rejected orders', perTrade: true, format: (m) => String(m.rejectedOrders) },
];

interface Props {
  columns: Column[];
  assumptions: Assumptions;
  symbol: string;
  interval: Interval;
  dataset: DatasetRange;
}

/** Metrics side by side, what the Sharpe ratio is, and the assumptions they rest on as a short list. */
export function MetricsTable({ columns, assumptions: a, symbol, interval, dataset }: Props) {
  const bars = barsPerYear(interval);
  return (
    <div className="sim-metrics">
      <table className="sim-table" data-testid="sim-metrics">
        <thead>
          <tr>
            <th>Metric</th>
            {columns.map((c) => (
              <th key={c.label} className={c.benchmark ? 'benchmark' : undefined}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {ROWS.map((row) => (
            <tr key={row.key} data-testid={`metric-${row.key}`}>
              <td>{row.label}</td>
              {columns.map((c) => (
                <td key={c.label} className={c.benchmark ? 'benchmark' : undefined}>
                  {c.benchmark && row.perTrade ? '—' : row.format(c.metrics)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="sim-note" data-testid="sim-sharpe-note">
        Sharpe ratio = mean ÷ standard deviation of the per-candle returns × √{bars.toLocaleString('en-US')} (the {interval} candles in a 365-day year of
        a 24/7 market; factor {Math.sqrt(bars).toFixed(1)}), risk-free rate 0. Drawdowns are in % below the running equity peak.
      </p>
      <div className="sim-assumptions" data-testid="sim-assumptions">
        <h4>Assumptions</h4>
        <ul>
          <li data-testid="assumption-balance">
            <b>Starting balance</b> {formatNumber(a.initialQuote)} quote
          </li>
          <li data-testid="assumption-fees">
            <b>Fees</b> maker {formatPct(a.makerFee, 3)}, taker {formatPct(a.takerFee, 3)}, taken in the asset received as on Bybit spot
          </li>
          <li data-testid="assumption-slippage">
            <b>Slippage</b> {a.slippageBps} bps against the trader on market and stop fills
          </li>
          <li data-testid="assumption-fills">
            <b>Fills</b> decided at a candle&apos;s close; market orders fill at the next open, a new limit already through it there as taker,
            resting limits at their price once traded through, stops at the lower of open and stop
          </li>
          <li data-testid="assumption-instrument">
            <b>Order rules</b> tick {a.instrument.tickSize}, lot {a.instrument.basePrecision}, min order {a.instrument.minOrderAmt} quote
          </li>
          <li data-testid="assumption-dataset">
            <b>Dataset</b> {symbol} {interval}, {formatTime(dataset.from)} → {formatTime(dataset.to)} UTC, {dataset.candles.toLocaleString('en-US')} candles (
            <span title="stable hash of the candles' values">{dataset.hash}</span>)
          </li>
          <li data-testid="assumption-benchmark">
            <b>Buy and hold</b> the same starting balance bought at the first open with the taker fee and slippage above, then held
          </li>
        </ul>
        <details>
          <summary>Full fill model</summary>
          <ul data-testid="sim-fill-model">
            {a.fillModel.split('; ').map((rule) => (
              <li key={rule}>{rule}</li>
            ))}
          </ul>
        </details>
      </div>
    </div>
  );
}
