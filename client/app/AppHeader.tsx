import { useRelayStatus } from '../market/market-queries.ts';
import { DEFAULT_CHART_ROUTE, type Route } from './route.ts';

interface Props {
  route: Route;
  lastChart: Route;
  navigate: (route: Route) => void;
}

export function AppHeader({ route, lastChart, navigate }: Props) {
  const status = useRelayStatus();
  // Paper is the safe default until the relay says otherwise.
  const mode = status.data?.mode ?? 'paper';
  return (
    <header className="app-header" data-testid="app-header">
      <div className="brand">
        <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
          <path d="M3 17l5-6 4 4 8-10" fill="none" stroke="currentColor" strokeWidth="2.4" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
        <span>Spot Portal</span>
      </div>
      <nav className="nav">
        <a
          href="#/"
          className={route.view === 'dashboard' ? 'active' : undefined}
          data-testid="nav-dashboard"
          onClick={(e) => {
            e.preventDefault();
            navigate({ view: 'dashboard' });
          }}
        >
          Dashboard
        </a>
        <a
          href="#/chart"
          className={route.view === 'chart' ? 'active' : undefined}
          data-testid="nav-chart"
          onClick={(e) => {
            e.preventDefault();
            navigate(lastChart.view === 'chart' ? lastChart : DEFAULT_CHART_ROUTE);
          }}
        >
          Chart
        </a>
        <a
          href="#/simulate"
          className={route.view === 'simulate' ? 'active' : undefined}
          data-testid="nav-simulate"
          onClick={(e) => {
            e.preventDefault();
            navigate({ view: 'simulate' });
          }}
        >
          Simulate
        </a>
        <a
          href="#/audit"
          className={route.view === 'audit' ? 'active' : undefined}
          data-testid="nav-audit"
          onClick={(e) => {
            e.preventDefault();
            navigate({ view: 'audit' });
          }}
        >
          Audit
        </a>
      </nav>
      <div className="header-right">
        {status.data && <span className="env" data-testid="bybit-env">{status.data.bybitEnv}</span>}
        <span className={`mode-badge mode-${mode}`} data-testid="mode-badge">
          {mode.toUpperCase()}
        </span>
      </div>
    </header>
  );
}
