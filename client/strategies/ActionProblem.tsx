import type { ActionError } from './action-error.ts';

/** Why the last workbench action was refused, with any missing approval evidence as a list. */
export function ActionProblem({ problem }: { problem: ActionError | null }) {
  if (!problem) return null;
  return (
    <div className="state error wb-problem" role="alert" data-testid="wb-action-error">
      <p>{problem.message}</p>
      {problem.missing.length > 0 && (
        <ul data-testid="wb-missing-evidence">
          {problem.missing.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
