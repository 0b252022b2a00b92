import { INTERVALS, type Interval } from '../../shared/market/index.ts';
import { ParamInputs } from './ParamInputs.tsx';
import { sweepInputs, type SimulationForm } from './simulation-form.ts';
import { STRATEGIES, STRATEGY_IDS } from '../../shared/strategy/index.ts';
import { defaultParamInputs, strategyParamFields } from './strategy-params.ts';

interface Props {
  form: SimulationForm;
  errors: Record<string, string>;
  symbols: readonly string[];
  busy: boolean;
  /** Why runs cannot be started here (a viewer: every run is recorded on the relay, which refuses it); null when they can. */
  blockedReason: string | null;
  onChange: (form: SimulationForm) => void;
  onRun: () => void;
  onCompare: () => void;
  onSweep: () => void;
}

/** A labelled input with its error under it, as every simulation form shows one. */
export function Field({ label, error, testId, wide = false, children }: { label: string; error?: string; testId: string; wide?: boolean; children: React.ReactNode }) {
  return (
    <label className={`sim-field${wide ? ' wide' : ''}${error ? ' invalid' : ''}`}>
      <span>{label}</span>
      {children}
      {error && (
        <em className="sim-error" data-testid={`${testId}-error`}>
          {error}
        </em>
      )}
    </label>
  );
}

export function SimulationFormView({ form, errors, symbols, busy, blockedReason, onChange, onRun, onCompare, onSweep }: Props) {
  const set = <K extends keyof SimulationForm>(key: K, value: SimulationForm[K]) => onChange({ ...form, [key]: value });
  const text = (key: keyof SimulationForm, label: string, extra: Record<string, string> = {}) => (
    <Field label={label} error={errors[key]} testId={`sim-${key}`}>
      <input data-testid={`sim-${key}`} aria-invalid={errors[key] !== undefined} value={form[key] as string} onChange={(e) => set(key, e.target.value)} {...extra} />
    </Field>
  );
  const numericParams = strategyParamFields(form.strategyId).filter((f) => f.kind === 'number');

  return (
    <form className="sim-form" data-testid="sim-form" onSubmit={(e) => e.preventDefault()}>
      <fieldset>
        <legend>Strategy and data</legend>
        <Field label="Strategy" testId="sim-strategy" wide>
          <select
            data-testid="sim-strategy"
            value={form.strategyId}
            onChange={(e) => {
              const params = defaultParamInputs(e.target.value);
              onChange({ ...form, strategyId: e.target.value, params, baselineParams: { ...params }, ...sweepInputs(e.target.value) });
            }}
          >
            {STRATEGY_IDS.map((id) => (
              <option key={id} value={id}>
                {STRATEGIES[id]!.name}
              </option>
            ))}
          </select>
          <small className="sim-hint" data-testid="sim-strategy-description">
            {STRATEGIES[form.strategyId]?.description}
          </small>
        </Field>
        <Field label="Symbol" error={errors.symbol} testId="sim-symbol">
          <select data-testid="sim-symbol" value={form.symbol} onChange={(e) => set('symbol', e.target.value)}>
            {(symbols.includes(form.symbol) ? symbols : [form.symbol, ...symbols]).map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Interval" error={errors.interval} testId="sim-interval">
          <select data-testid="sim-interval" value={form.interval} onChange={(e) => set('interval', e.target.value as Interval)}>
            {INTERVALS.map((i) => (
              <option key={i} value={i}>
                {i}
              </option>
            ))}
          </select>
        </Field>
        {text('fromDate', 'From (UTC day)', { type: 'date' })}
        {text('toDate', 'To (UTC day, inclusive)', { type: 'date' })}
      </fieldset>
      <fieldset>
        <legend>Costs</legend>
        {text('initialQuote', 'Starting balance (quote)', { inputMode: 'decimal' })}
        {text('makerFeePct', 'Maker fee %', { inputMode: 'decimal' })}
        {text('takerFeePct', 'Taker fee %', { inputMode: 'decimal' })}
        {text('slippageBps', 'Slippage (bps)', { inputMode: 'decimal' })}
      </fieldset>
      <fieldset>
        <legend>Parameters (run / candidate)</legend>
        <ParamInputs strategyId={form.strategyId} prefix="params" values={form.params} errors={errors} onChange={(v) => set('params', v)} showDescriptions />
      </fieldset>
      <fieldset>
        <legend>Compare: baseline parameters</legend>
        <ParamInputs strategyId={form.strategyId} prefix="baseline" values={form.baselineParams} errors={errors} onChange={(v) => set('baselineParams', v)} />
        {text('inSamplePct', 'In-sample share %', { inputMode: 'decimal' })}
      </fieldset>
      <fieldset>
        <legend>Sweep one parameter</legend>
        <Field label="Parameter" error={errors.sweepParam} testId="sim-sweepParam" wide>
          <select data-testid="sim-sweepParam" value={form.sweepParam} onChange={(e) => onChange({ ...form, ...sweepInputs(form.strategyId, e.target.value) })}>
            {numericParams.map((f) => (
              <option key={f.key} value={f.key}>
                {f.label}
              </option>
            ))}
          </select>
        </Field>
        {text('sweepFrom', 'First value', { inputMode: 'decimal' })}
        {text('sweepTo', 'Last value', { inputMode: 'decimal' })}
        {text('sweepStep', 'Step', { inputMode: 'decimal' })}
      </fieldset>
      <div className="sim-actions">
        <button type="button" data-testid="sim-run" disabled={busy || blockedReason !== null} title={blockedReason ?? undefined} onClick={onRun}>
          Run backtest
        </button>
        <button type="button" data-testid="sim-compare" disabled={busy || blockedReason !== null} title={blockedReason ?? undefined} onClick={onCompare}>
          Compare baseline vs candidate
        </button>
        <button type="button" data-testid="sim-sweep-run" disabled={busy || blockedReason !== null} title={blockedReason ?? undefined} onClick={onSweep}>
          Sweep
        </button>
        {blockedReason !== null && (
          <span className="sim-blocked" data-testid="sim-blocked-reason">
            {blockedReason}
          </span>
        )}
      </div>
    </form>
  );
}
