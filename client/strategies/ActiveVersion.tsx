import type { StrategyVersion } from '../../shared/strategy-versions/index.ts';
import { formatTime } from '../simulation/result-view.ts';
import { strategyParamFields } from '../simulation/strategy-params.ts';
import { paramText } from './param-changes.ts';

interface Props {
  active: StrategyVersion | undefined;
  readOnly: boolean;
  busy: boolean;
  onRollback: () => void;
}

/** The version the relay runs: its market, params, who made it active and when, and the one-step rollback. */
export function ActiveVersion({ active, readOnly, busy, onRollback }: Props) {
  if (!active) {
    return (
      <section className="wb-card" data-testid="active-version" data-version="">
        <h3>Active version</h3>
        <p className="state">None: the relay runs nothing for this strategy until an approved version is activated.</p>
      </section>
    );
  }
  const labels = new Map(strategyParamFields(active.strategyId).map((f) => [f.key, f.label]));
  return (
    <section className="wb-card" data-testid="active-version" data-version={active.version}>
      <h3>
        Active version: v{active.version} on {active.market.symbol} {active.market.interval}
      </h3>
      <p className="state">
        Active since {formatTime(Date.parse(active.stateChangedAt))} UTC by {active.stateChangedBy ?? 'the relay'}
        {active.evidenceRunId ? `, approved on run ${active.evidenceRunId.slice(0, 8)}` : ''}.
      </p>
      <dl className="wb-params" data-testid="active-params">
        {Object.entries(active.params).map(([key, value]) => (
          <div key={key}>
            <dt>{labels.get(key) ?? key}</dt>
            <dd>{paramText(value)}</dd>
          </div>
        ))}
      </dl>
      {!readOnly && (
        <button type="button" data-testid="version-rollback" disabled={busy} onClick={onRollback} title="Re-activate the version that was active before this one">
          Roll back to the previous version
        </button>
      )}
    </section>
  );
}
