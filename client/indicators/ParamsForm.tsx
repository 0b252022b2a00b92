import { useState, type FormEvent } from 'react';
import type { IndicatorSpec } from '../../shared/indicators/index.ts';
import { SchemaFieldInput } from '../forms/SchemaFieldInput.tsx';
import { paramFields, validateParams } from './params-fields.ts';

interface Props {
  spec: IndicatorSpec;
  onSave: (spec: IndicatorSpec) => void;
  onCancel: () => void;
}

/** Parameter editor generated from the indicator's zod schema; schema messages show per field. */
export function ParamsForm({ spec, onSave, onCancel }: Props) {
  const fields = paramFields(spec.name);
  const current = spec.params as Record<string, number | string>;
  const [inputs, setInputs] = useState<Record<string, string>>(() =>
    Object.fromEntries(fields.map((f) => [f.key, String(current[f.key] ?? f.defaultValue ?? '')])),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = validateParams(spec.name, inputs);
    if (result.ok) onSave(result.spec);
    else setErrors(result.errors);
  };

  return (
    <form className="indicator-params" onSubmit={submit} data-testid="indicator-params-form" noValidate>
      {fields.length === 0 && <span className="indicator-note">No parameters</span>}
      {fields.map((field) => (
        <label key={field.key} className={errors[field.key] ? 'invalid' : undefined}>
          <span>{field.key}</span>
          <SchemaFieldInput
            field={field}
            id={`param-input-${field.key}`}
            value={inputs[field.key] ?? ''}
            invalid={errors[field.key] !== undefined}
            onChange={(value) => setInputs((prev) => ({ ...prev, [field.key]: value }))}
          />
          {errors[field.key] && (
            <em className="param-error" role="alert" data-testid={`param-error-${field.key}`}>
              {errors[field.key]}
            </em>
          )}
        </label>
      ))}
      {errors.form && (
        <em className="param-error" role="alert" data-testid="param-error-form">
          {errors.form}
        </em>
      )}
      <button type="submit" data-testid="params-save">
        Apply
      </button>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </form>
  );
}
