import type { ReviewInput } from './schemas.ts';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

const SYSTEM_PROMPT = [
  'You review the parameters of one spot trading strategy from its backtest on an in-sample window.',
  'Answer only with JSON that follows the given schema: parameter deltas {param, from, to}, a rationale, a confidence from 0 to 1, and risk notes.',
  '`from` must be the current value given in the input; `to` must stay inside the parameter bounds (min/max, integer, choices).',
  'Prefer few, moderate changes that the evidence supports; an empty deltas list keeps the params as they are.',
  'Your suggestion is never executed: it is simulated out of sample and a human decides.',
].join('\n');

/** The first request of a review: the rules, then the review input as JSON. */
export function reviewMessages(input: ReviewInput): ChatMessage[] {
  return [
    { role: 'system', content: SYSTEM_PROMPT },
    { role: 'user', content: `Review input:\n${JSON.stringify(input)}` },
  ];
}

/** The one retry: the same conversation, the answer that failed, and the validation error quoted. */
export function retryMessages(first: readonly ChatMessage[], failedAnswer: string, validationError: string): ChatMessage[] {
  return [
    ...first,
    { role: 'assistant', content: failedAnswer },
    {
      role: 'user',
      content: `Your answer was rejected by validation:\n"""\n${validationError}\n"""\nAnswer again with JSON that follows the schema exactly.`,
    },
  ];
}
