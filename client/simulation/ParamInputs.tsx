import { SchemaFieldInput } from '../forms/SchemaFieldInput.tsx';
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
            <span>{field.key}</span>
            <SchemaFieldInput field={field} id={id} value={values[field.key] ?? ''} invalid={error !== undefined} onChange={(value) => onChange({ ...values, [field.key]: value })} />
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
