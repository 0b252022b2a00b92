import { useReadOnly } from '../access/read-only.ts';
import { useSession } from '../access/session-queries.ts';
import { useRelayStatus, useSymbols } from '../market/market-queries.ts';
import { useLiveTickers } from '../market/stream-hooks.ts';
import { ExecutionHealth } from './ExecutionHealth.tsx';
import { KillSwitch } from './KillSwitch.tsx';
import { LiveArm } from './LiveArm.tsx';
import { OrderTicket } from './OrderTicket.tsx';
import { OpenOrders, OrderHistory } from './OrderTables.tsx';
import { Balances, Positions } from './PortfolioTables.tsx';
import './orders.css';

const VIEWER_REASON = 'You are signed in as a viewer: orders need the operator token.';

/** The chart's trading side: live arming, breaker and reconciliation, ticket, kill switch, open orders, history, positions and balances. */
export function OrdersPanel({ symbol }: { symbol: string }) {
  const readOnly = useReadOnly();
  // Dead letters are asked for only once the session says operator, not while it is loading.
  const operator = useSession().data?.role === 'operator';
  const status = useRelayStatus().data;
  const mode = status?.mode;
  const instrument = useSymbols().data?.find((s) => s.symbol === symbol);
  const lastPrice = useLiveTickers([symbol]).get(symbol)?.lastPrice ?? null;
  return (
    <aside className="orders-panel" data-testid="orders-panel" aria-label="Orders">
      <div className="orders-top">
        <h2>Trade {symbol}</h2>
        <KillSwitch disabledReason={readOnly ? VIEWER_REASON : null} />
      </div>
      {status?.liveArm !== undefined && <LiveArm state={status.liveArm} bybitEnv={status.bybitEnv} disabledReason={readOnly ? VIEWER_REASON : null} />}
      <ExecutionHealth circuit={status?.bybitCircuit} publicCircuit={status?.bybitPublicCircuit} operator={operator} />
      {readOnly ? (
        <p className="orders-note viewer-note" data-testid="ticket-viewer-note">
          {VIEWER_REASON}
        </p>
      ) : instrument === undefined ? (
        <p className="orders-note">Loading {symbol}'s trading rules…</p>
      ) : (
        <OrderTicket key={symbol} instrument={instrument} lastPrice={lastPrice} mode={mode} />
      )}
      <OpenOrders readOnly={readOnly} />
      <OrderHistory />
      <Positions />
      <Balances />
    </aside>
  );
}
