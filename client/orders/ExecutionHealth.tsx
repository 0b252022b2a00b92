import type { CircuitStatus } from '../../shared/net/circuit-status.ts';
import { usePendingDeadLetters, useReconciliation } from './orders-queries.ts';

const CIRCUIT_WORDS = { closed: 'closed (calls go through)', open: 'OPEN — orders refused', half_open: 'half-open (probing)' } as const;

const clock = (iso: string) => new Date(iso).toLocaleTimeString();

/** The Bybit breaker, the last reconciliation and the dead letters: what says whether the records can be trusted now. */
export function ExecutionHealth({ circuit, operator }: { circuit: CircuitStatus | undefined; operator: boolean }) {
  const reconciliation = useReconciliation();
  const deadLetters = usePendingDeadLetters(operator);
  const state = reconciliation.data;
  const last = state?.lastRun ?? null;
  return (
    <section className="execution-health" data-testid="execution-health" aria-label="Execution health">
      {circuit !== undefined && (
        <p className={`health-row circuit-${circuit.state}`} data-testid="health-circuit">
          Bybit circuit: {CIRCUIT_WORDS[circuit.state]}
          {circuit.state === 'open' && circuit.probeAt !== null && `, retries at ${clock(circuit.probeAt)}`}
          {circuit.lastError !== null && ` · last error: ${circuit.lastError}`}
        </p>
      )}
      <p className="health-row" data-testid="health-reconciliation">
        {reconciliation.error
          ? `Reconciliation: ${reconciliation.error.message}`
          : last === null
            ? 'Reconciliation: not run yet'
            : `Reconciliation: last ${clock(last.at)} (${last.trigger}), ${last.error !== null ? `failed: ${last.error}` : last.drift.length === 0 ? 'no drift' : `${last.drift.length} drift found, ${last.drift.filter((d) => d.repaired).length} repaired`}`}
        {state?.lastDrift && state.lastDrift !== last && ` · last drift ${clock(state.lastDrift.at)}`}
      </p>
      {operator && deadLetters.data !== undefined && (
        <p className={`health-row ${deadLetters.data > 0 ? 'circuit-open' : ''}`} data-testid="health-dead-letters">
          Dead letters pending: {deadLetters.data}
        </p>
      )}
    </section>
  );
}
