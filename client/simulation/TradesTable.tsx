import type { Trade } from '../../shared/backtest/index.ts';
import { formatNumber, formatPct, formatTime } from './result-view.ts';

const SHOWN = 200;

export function TradesTable({ trades }: { trades: readonly Trade[] }) {
  if (trades.length === 0) return <p className="state" data-testid="sim-trades-empty">No trades: the strategy never entered in this range.</p>;
  return (
    <div className="sim-trades">
      <table className="sim-table" data-testid="sim-trades">
        <thead>
          <tr>
            <th>#</th>
            <th>Entry (UTC)</th>
            <th>Entry price</th>
            <th>Exit (UTC)</th>
            <th>Exit price</th>
            <th>Qty</th>
            <th>Fees</th>
            <th>PnL</th>
            <th>Return</th>
          </tr>
        </thead>
        <tbody>
          {trades.slice(0, SHOWN).map((t, i) => (
            <tr key={t.entryTime} data-testid="sim-trade-row" className={t.pnl >= 0 ? 'win' : 'loss'}>
              <td>{i + 1}</td>
              <td>{formatTime(t.entryTime)}</td>
              <td>{formatNumber(t.entryPrice)}</td>
              <td>{formatTime(t.exitTime)}</td>
              <td>{formatNumber(t.exitPrice)}</td>
              <td>{t.qty}</td>
              <td>{formatNumber(t.fees)}</td>
              <td>{formatNumber(t.pnl)}</td>
              <td>{formatPct(t.returnPct)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {trades.length > SHOWN && <p className="state">Showing the first {SHOWN} of {trades.length} trades.</p>}
    </div>
  );
}
