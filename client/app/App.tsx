import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { SignInBanner } from '../access/SignInBanner.tsx';
import { AuditPage } from '../audit/AuditPage.tsx';
import { ChartWorkspace } from '../chart/ChartWorkspace.tsx';
import { MarketOverview } from '../market/MarketOverview.tsx';
import { StreamProvider } from '../market/stream-context.tsx';
import { OrdersPanel } from '../orders/OrdersPanel.tsx';
import { SimulationPage } from '../simulation/SimulationPage.tsx';
import { StatusBanners } from '../status/StatusBanners.tsx';
import { StrategiesPage } from '../strategies/StrategiesPage.tsx';
import { StrategyWorkbench } from '../strategies/StrategyWorkbench.tsx';
import { AppFooter } from './AppFooter.tsx';
import { AppHeader } from './AppHeader.tsx';
import { createQueryClient } from './query-client.ts';
import { DEFAULT_CHART_ROUTE, formatRoute, type Route } from './route.ts';
import { useHashRoute } from './use-hash-route.ts';

function Shell() {
  const [route, navigate, routeNotice] = useHashRoute();
  const [lastChart, setLastChart] = useState<Route>(DEFAULT_CHART_ROUTE);
  // Remember the last chart so the Chart tab returns to it from the dashboard.
  if (route.view === 'chart' && formatRoute(route) !== formatRoute(lastChart)) setLastChart(route);

  return (
    <div className="app">
      <AppHeader route={route} lastChart={lastChart} navigate={navigate} />
      <SignInBanner />
      <StatusBanners />
      {routeNotice !== null && (
        <p className="route-notice" role="status" data-testid="route-notice">
          {routeNotice}
        </p>
      )}
      <main className="app-main">
        {route.view === 'simulate' ? (
          <SimulationPage />
        ) : route.view === 'audit' ? (
          <AuditPage />
        ) : route.view === 'strategies' ? (
          <StrategiesPage onOpen={(strategyId) => navigate({ view: 'strategy', strategyId })} />
        ) : route.view === 'strategy' ? (
          <StrategyWorkbench strategyId={route.strategyId} onBack={() => navigate({ view: 'strategies' })} />
        ) : route.view === 'dashboard' ? (
          <MarketOverview onOpenChart={(symbol) => navigate({ view: 'chart', symbol, interval: lastChart.view === 'chart' ? lastChart.interval : '1m' })} />
        ) : (
          <div className="chart-page">
            <ChartWorkspace
              symbol={route.symbol}
              interval={route.interval}
              onChange={(symbol, interval) => navigate({ view: 'chart', symbol, interval })}
            />
            <OrdersPanel symbol={route.symbol} />
          </div>
        )}
      </main>
      <AppFooter />
    </div>
  );
}

export function App() {
  const [queryClient] = useState(createQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <StreamProvider>
        <Shell />
      </StreamProvider>
    </QueryClientProvider>
  );
}
