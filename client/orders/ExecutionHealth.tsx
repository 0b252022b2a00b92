import type { CircuitStatus } from '../../shared/net/circuit-status.ts';
import { usePendingDeadLetters, useReconciliation } from './orders-queries.ts';

/** What an open breaker refuses, per breaker. */
const CIRCUITS = {
  signed: { label: 'Bybit circuit', testId: 'health-circuit', refused: 'orders refused' },
  public: { label: 'Bybit market data circuit', testId: 'health-public-circuit', refused: 'market data refused' },
} as const;

const clock = (iso: string) => new Date(iso).toLocaleTimeString();

function CircuitRow({ circuit, kind }: { circuit: CircuitStatus; kind: keyof typeof CIRCUITS }) {
  const { label, testId, refused } = CIRCUITS[kind];
  const words = { closed: 'closed (calls go through)', open: `OPEN — ${refused}`, half_open: 'half-open (probing)' }[circuit.state];
  return (
    <p className={`health-row circuit-${circuit.state}`} data-testid={testId}>
      {label}: {words}
      {circuit.state === 'open' && circuit.probeAt !== null && `, retries at ${clock(circuit.probeAt)}`}
      {circuit.lastError !== null && ` · last error: ${circuit.lastError}`}
    </p>
  );
}

/** The Bybit breakers (signed calls, public market data), the last reconciliation and the dead letters: what says whether the records can be trusted now. */
export function ExecutionHealth({ circuit, publicCircuit, operator }: { circuit: CircuitStatus | undefined; publicCircuit: CircuitStatus | undefined; operator: boolean }) {
  const reconciliation = useReconciliation();
  const deadLetters = usePendingDeadLetters(operator);
  const state = reconciliation.data;
  const last = state?.lastRun ?? null;
  return (
    <section className="execution-health" data-testid="execution-health" aria-label="Execution health">
      {circuit !== undefined && <CircuitRow circuit={circuit} kind="signed" />}
      {publicCircuit !== undefined && <CircuitRow circuit={publicCircuit} kind="public" />}
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
