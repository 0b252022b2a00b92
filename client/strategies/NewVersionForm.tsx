import { useState } from 'react';
import { INTERVALS, IntervalSchema } from '../../shared/market/index.ts';
import { CreateVersionRequestSchema, type CreateVersionRequest, type StrategyVersion } from '../../shared/strategy-versions/index.ts';
import { ParamInputs } from '../simulation/ParamInputs.tsx';
import { Field } from '../simulation/SimulationFormView.tsx';
import { defaultParamInputs, validateStrategyParams } from '../simulation/strategy-params.ts';

interface Props {
  strategyId: string;
  /** The version the draft starts from (the active one, else the newest); null for a first version. */
  from: StrategyVersion | null;
  symbols: readonly string[];
  busy: boolean;
  onCreate: (request: CreateVersionRequest) => void;
}

const asText = (params: Record<string, unknown>) => Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)]));

/** A draft version by hand: the strategy's params form (its zod bounds as hints and errors), its market and a note. */
export function NewVersionForm({ strategyId, from, symbols, busy, onCreate }: Props) {
  const [params, setParams] = useState(() => (from ? asText(from.params) : defaultParamInputs(strategyId)));
  const [symbol, setSymbol] = useState(from?.market.symbol ?? 'BTCUSDT');
  const [interval, setMarketInterval] = useState(from?.market.interval ?? '1m');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});

  const submit = () => {
    const checked = validateStrategyParams(strategyId, params);
    const request = CreateVersionRequestSchema.safeParse({
      params: checked.ok ? checked.params : {},
      market: { symbol, interval },
      note,
      ...(from ? { parentVersion: from.version } : {}),
    });
    const next: Record<string, string> = checked.ok ? {} : Object.fromEntries(Object.entries(checked.errors).map(([k, v]) => [`version.${k}`, v]));
    if (!request.success) for (const issue of request.error.issues) next[issue.path.join('.') === 'note' ? 'note' : 'market'] ??= issue.message;
    setErrors(next);
    if (checked.ok && request.success) onCreate(request.data);
  };

  return (
    <form className="sim-form wb-new-version" data-testid="new-version-form" onSubmit={(e) => e.preventDefault()}>
      <fieldset>
        <legend>New draft version{from ? ` from v${from.version}` : ''}</legend>
        <ParamInputs strategyId={strategyId} prefix="version" values={params} errors={errors} onChange={setParams} />
        <Field label="Symbol" error={errors.market} testId="version-symbol">
          <select data-testid="version-symbol" value={symbol} onChange={(e) => setSymbol(e.target.value)}>
            {(symbols.includes(symbol) ? symbols : [symbol, ...symbols]).map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Interval" testId="version-interval">
          <select data-testid="version-interval" value={interval} onChange={(e) => setMarketInterval(IntervalSchema.parse(e.target.value))}>
            {INTERVALS.map((i) => (
              <option key={i} value={i}>
                {i}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Note" error={errors.note} testId="version-note" wide>
          <input data-testid="version-note" value={note} maxLength={2000} placeholder="why this version" onChange={(e) => setNote(e.target.value)} />
        </Field>
        <div className="sim-actions">
          <button type="button" data-testid="version-create" disabled={busy} onClick={submit}>
            Create draft
          </button>
        </div>
      </fieldset>
    </form>
  );
}
