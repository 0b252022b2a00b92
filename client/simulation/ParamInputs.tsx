import { strategyParamFields } from './strategy-params.ts';

interface Props {
  strategyId: string;
  /** Prefix of test ids and error keys: "params" or "baseline". */
  prefix: string;
  values: Record<string, string>;
  errors: Record<string, string>;
  onChange: (values: Record<string, string>) => void;
}

/** Inputs generated from the strategy's zod schema, with its bounds as hints and its messages as errors. */
export function ParamInputs({ strategyId, prefix, values, errors, onChange }: Props) {
  return (
    <div className="sim-params" data-testid={`sim-${prefix}`}>
      {strategyParamFields(strategyId).map((field) => {
        const error = errors[`${prefix}.${field.key}`];
        const id = `sim-${prefix}-${field.key}`;
        return (
          <label key={field.key} className={error ? 'sim-field invalid' : 'sim-field'}>
            <span>{field.label}</span>
            {field.kind === 'choice' ? (
              <select id={id} data-testid={id} aria-invalid={error !== undefined} value={values[field.key] ?? ''} onChange={(e) => onChange({ ...values, [field.key]: e.target.value })}>
                {field.options.map((o) => (
                  <option key={o} value={o}>
                    {o}
                  </option>
                ))}
              </select>
            ) : (
              <input
                id={id}
                data-testid={id}
                aria-invalid={error !== undefined}
                inputMode="decimal"
                value={values[field.key] ?? ''}
                placeholder={field.defaultValue === undefined ? '' : String(field.defaultValue)}
                title={`${field.integer ? 'integer' : 'number'}${field.min !== undefined ? `, min ${field.min}` : ''}${field.max !== undefined ? `, max ${field.max}` : ''}`}
                onChange={(e) => onChange({ ...values, [field.key]: e.target.value })}
              />
            )}
            {error && (
              <em className="sim-error" data-testid={`${id}-error`}>
                {error}
              </em>
            )}
          </label>
        );
      })}
    </div>
  );
}
