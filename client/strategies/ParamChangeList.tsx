import { paramText, type ParamChange } from './param-changes.ts';

/** Param changes as "label from → to", the way versions and suggestions both show them. */
export function ParamChangeList({ changes, testId }: { changes: readonly ParamChange[]; testId: string }) {
  return (
    <ul className="wb-changes" data-testid={testId}>
      {changes.map((c) => (
        <li key={c.key}>
          {c.label} {paramText(c.from)} → <b>{paramText(c.to)}</b>
        </li>
      ))}
    </ul>
  );
}
