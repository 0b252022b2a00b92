import { useToggleFavourite, useWatchlist } from './watchlist-queries.ts';
import './favourite-star.css';

/**
 * The ☆/★ toggle beside a symbol, on the dashboard and in the chart's symbol search. Viewers see
 * it disabled with the reason: the relay keeps the watchlist and only the operator may change it.
 */
export function FavouriteStar({ symbol, starred }: { symbol: string; starred: boolean }) {
  const { canEdit } = useWatchlist();
  const toggle = useToggleFavourite();
  const title = !canEdit
    ? 'Sign in as operator to change the watchlist'
    : starred
      ? `Remove ${symbol} from the watchlist`
      : `Add ${symbol} to the watchlist`;
  return (
    <>
      <button
        type="button"
        className={`favourite-star${starred ? ' starred' : ''}`}
        aria-pressed={starred}
        aria-label={title}
        title={title}
        disabled={!canEdit}
        tabIndex={-1}
        data-testid="favourite-star"
        data-symbol={symbol}
        onMouseDown={(e) => e.preventDefault()}
        onClick={(e) => {
          // The star sits inside clickable rows that open the chart.
          e.stopPropagation();
          toggle.mutate({ symbol, starred: !starred });
        }}
      >
        {starred ? '★' : '☆'}
      </button>
      {toggle.error && (
        <span className="favourite-error" role="alert" data-testid="favourite-error">
          {toggle.error.message}
        </span>
      )}
    </>
  );
}
