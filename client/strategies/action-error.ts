import { MissingEvidenceErrorSchema } from '../../shared/strategy-versions/index.ts';
import { ApiRequestError } from '../market/api-client.ts';

/** What a refused workbench action shows: the relay's words, and each missing piece of evidence as a list item. */
export interface ActionError {
  message: string;
  missing: string[];
}

export function actionError(err: unknown): ActionError {
  const message = err instanceof Error ? err.message : String(err);
  if (!(err instanceof ApiRequestError)) return { message, missing: [] };
  const evidence = MissingEvidenceErrorSchema.safeParse(err.body);
  // The relay's message repeats the pieces; the list says them once, one a line.
  if (evidence.success) return { message: `The relay refused the approval without this evidence (request id ${err.requestId}):`, missing: evidence.data.error.missing };
  return { message, missing: [] };
}
