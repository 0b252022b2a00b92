import { formatPrice } from '../market/format.ts';
import { useSymbols } from '../market/market-queries.ts';
import { useBalances, usePositions } from './orders-queries.ts';
import type { BalancesSource } from '../../shared/execution/index.ts';

const signClass = (value: string | null) => (value === null || /^-?0(\.0+)?$/.test(value) ? undefined : value.startsWith('-') ? 'down' : 'up');

export function Positions() {
  const positions = usePositions();
  const rows = positions.data?.positions ?? [];
  const symbols = useSymbols().data;
  // Average cost and PnL are exact to many digits; the symbol's tick is what a trader reads them at.
  const show = (value: string | null, symbol: string) => formatPrice(value === null ? null : Number(value), symbols?.find((s) => s.symbol === symbol)?.tickSize);
  return (
    <section className="orders-section" data-testid="positions">
      <h3>Positions</h3>
      {positions.error && <p className="ticket-error">cannot read positions: {positions.error.message}</p>}
      {rows.length === 0 ? (
        <p className="orders-note">No positions.</p>
      ) : (
        <table className="orders-table">
          <thead>
            <tr>
              <th>Symbol</th>
              <th className="num">Qty</th>
              <th className="num" title="average cost per unit, fees included">Avg</th>
              <th className="num" title="realized PnL">rPnL</th>
              <th className="num" title="unrealized PnL at the last price">uPnL</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((p) => (
              <tr key={p.symbol} data-testid="position" data-symbol={p.symbol}>
                <td>{p.symbol}</td>
                <td className="num">{p.qty}</td>
                <td className="num">{show(p.avgCost, p.symbol)}</td>
                <td className={`num ${signClass(p.realizedPnl) ?? ''}`}>{show(p.realizedPnl, p.symbol)}</td>
                <td className={`num ${signClass(p.unrealizedPnl) ?? ''}`}>{show(p.unrealizedPnl, p.symbol)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** Where a live venue's balances came from, in words. */
const BALANCES_SOURCE: Record<BalancesSource, string> = {
  stream: "from Bybit's wallet stream",
  rest: 'read from Bybit (the wallet stream is not up)',
};

export function Balances() {
  const balances = useBalances();
  const rows = balances.data?.balances ?? [];
  return (
    <section className="orders-section" data-testid="balances">
      <h3>Balances</h3>
      {balances.error && <p className="ticket-error">cannot read balances: {balances.error.message}</p>}
      {balances.data?.source !== undefined && (
        <p className="orders-note" data-testid="balances-source">
          {BALANCES_SOURCE[balances.data.source]}
        </p>
      )}
      <table className="orders-table">
        <tbody>
          {rows.map((b) => (
            <tr key={b.asset} data-testid="balance" data-asset={b.asset}>
              <td>{b.asset}</td>
              <td className="num" data-testid="balance-total">{b.total}</td>
              <td className="num muted">{b.locked === '0' ? '' : `${b.locked} locked`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
