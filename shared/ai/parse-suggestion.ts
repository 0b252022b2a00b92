import { z } from 'zod';
import { SuggestionSchema, type Suggestion } from './schemas.ts';

export type ParsedSuggestion = { ok: true; suggestion: Suggestion } | { ok: false; error: string };

/** A model's message content as a suggestion, or the validation error to quote back to it. */
export function parseSuggestion(content: string | null | undefined): ParsedSuggestion {
  if (content === null || content === undefined || content.trim() === '') return { ok: false, error: 'the answer was empty; expected a JSON object' };
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch (error) {
    return { ok: false, error: `the answer is not valid JSON: ${(error as Error).message}` };
  }
  const parsed = SuggestionSchema.safeParse(json);
  if (!parsed.success) return { ok: false, error: `the answer does not follow the schema: ${z.prettifyError(parsed.error).replace(/\n\s*/g, ' ')}` };
  return { ok: true, suggestion: parsed.data };
}
