import { z } from 'zod';
import { ReviewInputSchema, type ReviewInput, type Suggestion } from '../../shared/ai/index.ts';
import { strategyEntry } from '../../shared/strategy/index.ts';

/** What the stand-in answers a chat completion with; one per request, in order, then `valid`. */
export const ScriptedAnswerSchema = z.enum(['valid', 'invalid_json', 'schema_violation', 'out_of_bounds', 'refusal', 'stall', 'rate_limited', 'server_error']);
export type ScriptedAnswer = z.infer<typeof ScriptedAnswerSchema>;

/** The review input the relay sent as its first user message ("Review input:\n{json}"). */
export function reviewInputOf(messages: readonly { role: string; content?: unknown }[]): ReviewInput | null {
  for (const m of messages) {
    if (m.role !== 'user' || typeof m.content !== 'string') continue;
    const json = m.content.slice(m.content.indexOf('{'));
    const parsed = ReviewInputSchema.safeParse(jsonOrUndefined(json));
    if (parsed.success) return parsed.data;
  }
  return null;
}

/** The JSON in `text`, or undefined when it is not JSON. */
export function jsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * A small, valid move the way a cautious reviewer would make it: one numeric param nudged by about
 * 10 %, the first that the strategy's own schema accepts (so cross-field rules hold), starting at a
 * param picked from the input so successive rounds move different params. Labelled as the stand-in.
 */
export function standInSuggestion(input: ReviewInput): Suggestion {
  const entry = strategyEntry(input.strategy.id);
  const current = Object.fromEntries(input.params.map((p) => [p.name, p.value]));
  const numeric = input.params.filter((p) => typeof p.value === 'number' && p.min !== null && p.max !== null);
  const start = input.window.candles % Math.max(1, numeric.length) + (input.lastComparison === null ? 0 : 1);
  for (let k = 0; k < numeric.length; k++) {
    const p = numeric[(start + k) % numeric.length]!;
    const value = p.value as number;
    for (const factor of [1.1, 0.9]) {
      const raw = value * factor;
      const to = p.integer ? (factor > 1 ? Math.max(Math.round(raw), value + 1) : Math.min(Math.round(raw), value - 1)) : Math.round(raw * 1e4) / 1e4;
      if (to === value || to < p.min! || to > p.max!) continue;
      try {
        entry.parseParams({ ...current, [p.name]: to });
      } catch {
        continue;
      }
      return {
        deltas: [{ param: p.name, from: value, to }],
        rationale: `OpenAI stand-in (scripted, not a model): nudges ${p.name} by about ${Math.round(Math.abs(factor - 1) * 100)} % to show the review loop offline.`,
        confidence: 0.3,
        riskNotes: ['scripted stand-in answer: no analysis behind it'],
      };
    }
  }
  return { deltas: [], rationale: 'OpenAI stand-in (scripted, not a model): no param could be nudged inside its bounds.', confidence: 0.1, riskNotes: [] };
}

/** The message content for a scripted answer that has content (stall, 429, 5xx and refusal have none). */
export function scriptedContent(answer: ScriptedAnswer, input: ReviewInput | null): string {
  const valid = input === null ? null : standInSuggestion(input);
  switch (answer) {
    case 'invalid_json':
      return '{"deltas": [{"param": "fastPeriod", "from": 12, "to": 14}], "rationale": "cut off';
    case 'schema_violation':
      return JSON.stringify({ deltas: valid?.deltas ?? [], rationale: 'confidence is out of range', confidence: 7, riskNotes: 'not a list' });
    case 'out_of_bounds': {
      const p = input?.params.find((q) => typeof q.value === 'number' && q.max !== null);
      const deltas = p === undefined ? [] : [{ param: p.name, from: p.value, to: p.max! * 10 + 1 }];
      return JSON.stringify({ deltas, rationale: 'OpenAI stand-in: a delta far outside the bounds', confidence: 0.9, riskNotes: [] });
    }
    default:
      return JSON.stringify(valid ?? { deltas: [], rationale: 'OpenAI stand-in: no review input found in the request', confidence: 0, riskNotes: [] });
  }
}
