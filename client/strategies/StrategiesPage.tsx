import { STRATEGIES, STRATEGY_IDS } from '../../shared/strategy/index.ts';
import { useVersionsOf } from './version-queries.ts';
import { VersionState } from './VersionState.tsx';
import './workbench.css';

/** `#/strategies`: each registered strategy with the version the relay runs, and a way into its workbench. */
export function StrategiesPage({ onOpen }: { onOpen: (strategyId: string) => void }) {
  const versions = useVersionsOf(STRATEGY_IDS);
  return (
    <div className="wb-page" data-testid="strategies-page">
      <div className="toolbar">
        <h2>Strategies</h2>
        <span className="state">Versions, AI suggestions with their simulations, approval and the live runner, per strategy.</span>
      </div>
      <ul className="wb-strategy-list">
        {STRATEGY_IDS.map((id, i) => {
          const entry = STRATEGIES[id]!;
          const query = versions[i]!;
          const active = query.data?.versions.find((v) => v.approvalState === 'active');
          return (
            <li key={id} className="wb-card" data-testid="strategy-card" data-strategy-id={id}>
              <h3>
                <a
                  href={`#/strategies/${id}`}
                  data-testid="strategy-open"
                  onClick={(e) => {
                    e.preventDefault();
                    onOpen(id);
                  }}
                >
                  {entry.name}
                </a>{' '}
                <span className="muted">
                  {id}@{entry.version}
                </span>
              </h3>
              <p className="muted">{entry.description}</p>
              {query.error ? (
                <p className="state error" role="alert" data-testid="strategy-versions-error">
                  cannot load versions: {query.error.message}
                </p>
              ) : query.isPending ? (
                <p className="state">Loading versions…</p>
              ) : active ? (
                <p data-testid="strategy-active">
                  Running v{active.version} on {active.market.symbol} {active.market.interval} <VersionState state="active" />
                </p>
              ) : (
                <p className="state" data-testid="strategy-active">
                  No active version ({query.data.versions.length} {query.data.versions.length === 1 ? 'version' : 'versions'}).
                </p>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
