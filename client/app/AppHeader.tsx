import { useRelayStatus } from '../market/market-queries.ts';
import { DEFAULT_CHART_ROUTE, type Route } from './route.ts';

interface Props {
  route: Route;
  lastChart: Route;
  navigate: (route: Route) => void;
}

interface NavLinkProps {
  label: string;
  /** Shown instead of `label` on a phone, where five tabs and the badges share one row. */
  short?: string;
  href: string;
  active: boolean;
  testId: string;
  onOpen: () => void;
}

/** A real link (middle-click opens a tab) that navigates in place on a plain click. */
function NavLink({ label, short, href, active, testId, onOpen }: NavLinkProps) {
  return (
    <a
      href={href}
      className={active ? 'active' : undefined}
      data-testid={testId}
      aria-label={short === undefined ? undefined : label}
      onClick={(e) => {
        e.preventDefault();
        onOpen();
      }}
    >
      {short === undefined ? (
        label
      ) : (
        <>
          <span className="nav-full">{label}</span>
          <span className="nav-short">{short}</span>
        </>
      )}
    </a>
  );
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
        <NavLink label="Dashboard" short="Home" href="#/" active={route.view === 'dashboard'} testId="nav-dashboard" onOpen={() => navigate({ view: 'dashboard' })} />
        <NavLink
          label="Chart"
          href="#/chart"
          active={route.view === 'chart'}
          testId="nav-chart"
          onOpen={() => navigate(lastChart.view === 'chart' ? lastChart : DEFAULT_CHART_ROUTE)}
        />
        <NavLink label="Simulate" href="#/simulate" active={route.view === 'simulate'} testId="nav-simulate" onOpen={() => navigate({ view: 'simulate' })} />
        <NavLink
          label="Strategies"
          href="#/strategies"
          active={route.view === 'strategies' || route.view === 'strategy'}
          testId="nav-strategies"
          onOpen={() => navigate({ view: 'strategies' })}
        />
        <NavLink label="Audit" href="#/audit" active={route.view === 'audit'} testId="nav-audit" onOpen={() => navigate({ view: 'audit' })} />
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
