import type { SweepPoint } from './backtest-worker-api.ts';
import { formatNumber, formatPct } from './result-view.ts';

interface Props {
  param: string;
  /** The param's title, as the form shows it. */
  label: string;
  points: readonly SweepPoint[];
  onUse: (value: unknown) => void;
}

/** One row per swept value; the best Sharpe ratio is highlighted, invalid values say why. */
export function SweepResults({ param, label, points, onUse }: Props) {
  const best = points.reduce<SweepPoint | null>((b, p) => (p.metrics && (!b?.metrics || p.metrics.sharpe > b.metrics.sharpe) ? p : b), null);
  return (
    <table className="sim-table" data-testid="sim-sweep">
      <thead>
        <tr>
          <th>{label}</th>
          <th>Net return</th>
          <th>Sharpe ratio (annualised)</th>
          <th>Max drawdown</th>
          <th>Trades</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {points.map((p) => (
          <tr key={String(p.params[param])} data-testid="sim-sweep-row" className={p === best ? 'best' : undefined}>
            <td>{String(p.params[param])}</td>
            {p.metrics ? (
              <>
                <td>{formatPct(p.metrics.netReturn)}</td>
                <td>{formatNumber(p.metrics.sharpe)}</td>
                <td>{formatPct(p.metrics.maxDrawdown)}</td>
                <td>{p.metrics.tradeCount}</td>
                <td>
                  <button type="button" onClick={() => onUse(p.params[param])}>
                    Use as candidate
                  </button>
                </td>
              </>
            ) : (
              <td colSpan={5} className="sim-error">
                {p.error}
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
