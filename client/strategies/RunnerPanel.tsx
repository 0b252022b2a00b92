import type { ParityResponse, ParityRow } from '../../shared/runner/schemas.ts';
import { useRunPositions } from '../orders/orders-queries.ts';
import { formatNumber, formatTime } from '../simulation/result-view.ts';
import { actionError } from './action-error.ts';
import { useRunnerParity } from './review-queries.ts';
import { runnerPerformance } from './runner-performance.ts';

type Leg = NonNullable<ParityRow['live']>;

const money = (x: number) => formatNumber(x, 2);
const moneyText = (x: string | null) => formatNumber(x === null ? null : Number(x), 2);
const bps = (x: number | null) => (x === null ? '—' : `${formatNumber(x, 1)} bps`);
const leg = (l: Leg | null, side: 'entry' | 'exit') => {
  const at = l?.[side];
  return at ? `${formatTime(at.time)} @ ${formatNumber(at.price, 2)}` : '—';
};

/** What the relay's runner is doing with the active version, how it has done on its venue, and its per-trade diff with the backtest. */
export function RunnerPanel({ strategyId, activeVersion }: { strategyId: string; activeVersion: number | null }) {
  const parity = useRunnerParity(strategyId, activeVersion);
  if (activeVersion === null) return null;
  return (
    <section className="wb-card wb-runner" data-testid="wb-runner" aria-label="Live runner">
      <h3>Runner</h3>
      {parity.error ? (
        <p className="state error" role="alert" data-testid="runner-error">
          cannot read the runner: {actionError(parity.error).message}
        </p>
      ) : parity.isPending ? (
        <p className="state">Reading the runner…</p>
      ) : parity.data === null ? (
        <p className="state" data-testid="runner-idle">
          v{activeVersion} is active but not running yet (the relay starts it on its next closed candle).
        </p>
      ) : (
        <RunnerView parity={parity.data} />
      )}
    </section>
  );
}

function RunnerView({ parity }: { parity: ParityResponse }) {
  const { runner, rows, summary, assumptions } = parity;
  const perf = runnerPerformance(rows);
  return (
    <div data-testid="runner-view" data-state={runner.state} data-trades={perf.trades}>
      <p className="state" data-testid="runner-status">
        <span className={`wb-run-state wb-run-${runner.state}`}>{runner.state}</span> v{runner.version} on {runner.symbol} {runner.interval} · run{' '}
        <code>{runner.runId}</code> · last candle acted on {runner.lastCandle === null ? 'none yet' : `${formatTime(runner.lastCandle)} UTC`} ·{' '}
        {runner.ordersPlaced} order(s) placed, {runner.rejectedCount} rejected
        {runner.haltedAt && ` · halted ${formatTime(Date.parse(runner.haltedAt))} UTC`}
      </p>
      {runner.lastError && (
        <p className="state error" data-testid="runner-last-error">
          last error: {runner.lastError}
        </p>
      )}
      <dl className="wb-params" data-testid="runner-performance">
        <div>
          <dt>Trades</dt>
          <dd>
            {perf.trades} ({perf.closed} closed, {perf.wins} won)
          </dd>
        </div>
        <div>
          <dt>Realized P&amp;L</dt>
          <dd data-testid="runner-realized">{money(perf.realized)}</dd>
        </div>
        <div>
          <dt>Unrealized P&amp;L</dt>
          <dd>{money(perf.unrealized)}</dd>
        </div>
        <div>
          <dt>Fees</dt>
          <dd>{money(perf.fees)}</dd>
        </div>
        <div>
          <dt>Backtest, same candles</dt>
          <dd>
            {perf.backtestTrades} trade(s), realized {money(perf.backtestRealized)}
          </dd>
        </div>
      </dl>
      <RunPositions runId={runner.runId} />
      <h4>
        Backtest vs run, per trade: {summary.matched} matched, {summary.missing} missing, {summary.extra} extra
      </h4>
      <p className="state muted">
        The backtest runs the same kernel on the candles the run saw{parity.from !== null && parity.to !== null ? ` (${formatTime(parity.from)} → ${formatTime(parity.to)} UTC)` : ''}, with maker{' '}
        {formatNumber(assumptions.makerFee * 100, 3)}% / taker {formatNumber(assumptions.takerFee * 100, 3)}% fees and {assumptions.slippageBps} bps slippage; the run&apos;s fills carry the real
        slippage.
      </p>
      {rows.length === 0 ? (
        <p className="state" data-testid="parity-empty">
          No trades yet on either side.
        </p>
      ) : (
        <div className="wb-scroll">
          <table className="sim-table wb-parity" data-testid="parity-table">
            <thead>
              <tr>
                <th>Status</th>
                <th>Backtest entry</th>
                <th>Run entry</th>
                <th>Entry slippage</th>
                <th>Backtest exit</th>
                <th>Run exit</th>
                <th>Exit slippage</th>
                <th>Qty (bt / run)</th>
                <th>Fees (bt / run)</th>
                <th>P&amp;L (bt / run)</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row, i) => (
                <ParityLine key={i} row={row} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

/** The relay's book of this run alone: average cost and PnL from the fills of the orders it placed, none of the trader's own. */
function RunPositions({ runId }: { runId: string }) {
  const positions = useRunPositions(runId);
  const rows = positions.data?.positions ?? [];
  return (
    <div data-testid="runner-positions">
      <h4>Position on the {positions.data?.venue ?? 'relay'} venue, from this run&apos;s orders</h4>
      {positions.error ? (
        <p className="state error">cannot read the run&apos;s position: {actionError(positions.error).message}</p>
      ) : rows.length === 0 ? (
        <p className="state muted">{positions.isPending ? 'Reading the position…' : 'No fills yet.'}</p>
      ) : (
        <table className="sim-table">
          <thead>
            <tr>
              <th>Symbol</th>
              <th>Qty</th>
              <th title="average cost per unit, fees included">Avg cost</th>
              <th>Realized P&amp;L</th>
              <th title="at the last price">Unrealized P&amp;L</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((p) => (
              <tr key={p.symbol} data-testid="runner-position" data-symbol={p.symbol} data-qty={p.qty}>
                <td>{p.symbol}</td>
                <td>{p.qty}</td>
                <td>{moneyText(p.avgCost)}</td>
                <td>{moneyText(p.realizedPnl)}</td>
                <td>{moneyText(p.unrealizedPnl)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function ParityLine({ row }: { row: ParityRow }) {
  const pair = (pick: (l: Leg) => string) => `${row.backtest ? pick(row.backtest) : '—'} / ${row.live ? pick(row.live) : '—'}`;
  return (
    <tr data-testid="parity-row" data-status={row.status}>
      <td className={`wb-parity-${row.status}`}>{row.status}</td>
      <td>{leg(row.backtest, 'entry')}</td>
      <td>{leg(row.live, 'entry')}</td>
      <td>{bps(row.entrySlippageBps)}</td>
      <td>{leg(row.backtest, 'exit')}</td>
      <td>{leg(row.live, 'exit')}</td>
      <td>{bps(row.exitSlippageBps)}</td>
      <td>{pair((l) => l.qty)}</td>
      <td>{pair((l) => money(l.fees))}</td>
      <td>{pair((l) => money(l.pnl))}</td>
    </tr>
  );
}
