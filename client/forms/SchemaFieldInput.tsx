import { numberHint, type SchemaField } from './schema-fields.ts';

interface Props {
  field: SchemaField;
  /** Element id and test id. */
  id: string;
  value: string;
  invalid: boolean;
  onChange: (value: string) => void;
}

/** The control for one schema field: a select for a choice, a text input (schema-validated) for a number. */
export function SchemaFieldInput({ field, id, value, invalid, onChange }: Props) {
  if (field.kind === 'choice') {
    return (
      <select id={id} data-testid={id} value={value} aria-invalid={invalid} onChange={(e) => onChange(e.target.value)}>
        {field.options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    );
  }
  return (
    <input
      id={id}
      data-testid={id}
      inputMode={field.integer ? 'numeric' : 'decimal'}
      value={value}
      placeholder={field.defaultValue === undefined ? undefined : String(field.defaultValue)}
      title={numberHint(field)}
      aria-invalid={invalid}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}
