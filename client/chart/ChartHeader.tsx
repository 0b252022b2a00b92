import type { MarketSymbol, Ticker } from '../../shared/market/index.ts';
import { formatChangePct, formatPrice, formatTurnover, formatVolume } from '../market/format.ts';
import { useTickerSnapshot } from '../market/market-queries.ts';
import { useLiveTickers } from '../market/stream-hooks.ts';

/** Last price, 24h change, high/low and volume of the charted symbol, live from the ticker stream. */
export function ChartHeader({ symbol, info }: { symbol: string; info: MarketSymbol | undefined }) {
  const tickSize = info?.tickSize;
  const live = useLiveTickers([symbol]);
  const snapshot = useTickerSnapshot();
  // The REST snapshot fills in until the first streamed tick arrives.
  const ticker: Ticker | undefined = live.get(symbol) ?? snapshot.data?.find((t) => t.symbol === symbol);
  if (ticker === undefined) return <span className="chart-header" data-testid="chart-header" data-state="waiting" />;
  const direction = ticker.change24hPct > 0 ? 'up' : ticker.change24hPct < 0 ? 'down' : 'flat';
  const stats = [
    ['24h high', formatPrice(ticker.high24h, tickSize), 'high'],
    ['24h low', formatPrice(ticker.low24h, tickSize), 'low'],
    ['24h vol', info === undefined ? formatVolume(ticker.volume24h) : formatTurnover(ticker.turnover24h, info.quote), 'volume'],
  ] as const;
  return (
    <span className="chart-header" data-testid="chart-header" data-state="live">
      <b className={`header-last ${direction}`} data-field="last">
        {formatPrice(ticker.lastPrice, tickSize)}
      </b>
      <span className={`header-change ${direction}`} data-field="change">
        {formatChangePct(ticker.change24hPct)}
      </span>
      {stats.map(([label, value, fieldName]) => (
        <span key={fieldName} className="header-stat" data-field={fieldName}>
          {label} <b>{value}</b>
        </span>
      ))}
    </span>
  );
}
