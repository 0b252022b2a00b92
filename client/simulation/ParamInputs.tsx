import { SchemaFieldInput } from '../forms/SchemaFieldInput.tsx';
import { strategyParamFields } from './strategy-params.ts';

interface Props {
  strategyId: string;
  /** Prefix of test ids and error keys: "params" or "baseline". */
  prefix: string;
  values: Record<string, string>;
  errors: Record<string, string>;
  onChange: (values: Record<string, string>) => void;
  /** Each field's description under it; elsewhere it is the label's tooltip (the baseline repeats the same fields). */
  showDescriptions?: boolean;
}

/** Inputs generated from the strategy's zod schema, with its bounds as hints and its messages as errors. */
export function ParamInputs({ strategyId, prefix, values, errors, onChange, showDescriptions = false }: Props) {
  return (
    <div className="sim-params" data-testid={`sim-${prefix}`}>
      {strategyParamFields(strategyId).map((field) => {
        const error = errors[`${prefix}.${field.key}`];
        const id = `sim-${prefix}-${field.key}`;
        return (
          <label key={field.key} className={error ? 'sim-field invalid' : 'sim-field'} title={field.description}>
            <span>{field.label}</span>
            <SchemaFieldInput field={field} id={id} value={values[field.key] ?? ''} invalid={error !== undefined} onChange={(value) => onChange({ ...values, [field.key]: value })} />
            {showDescriptions && field.description && <small className="sim-hint">{field.description}</small>}
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
