import type { ApprovalState } from '../../shared/strategy-versions/index.ts';

/** A version's approval state as a coloured badge. */
export function VersionState({ state }: { state: ApprovalState }) {
  return (
    <span className={`wb-state wb-state-${state}`} data-testid="version-state" data-state={state}>
      {state}
    </span>
  );
}
