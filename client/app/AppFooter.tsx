/**
 * lightweight-charts is Apache-2.0 with TradingView's attribution requirement (its README's
 * License section): the charts hide the on-chart logo, so the credit and link live here, on every page.
 */
export function AppFooter() {
  return (
    <footer className="app-footer" data-testid="app-footer">
      Charts by{' '}
      <a href="https://www.tradingview.com/" target="_blank" rel="noreferrer" data-testid="tradingview-attribution">
        TradingView Lightweight Charts™
      </a>{' '}
      — Copyright © TradingView, Inc.
    </footer>
  );
}
