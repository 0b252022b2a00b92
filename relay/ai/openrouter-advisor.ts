import OpenAI, { APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import type { ChatCompletion } from 'openai/resources/chat/completions';
import {
  parseSuggestion,
  retryMessages,
  reviewMessages,
  SUGGESTION_SCHEMA_NAME,
  suggestionJsonSchema,
  type AiUsage,
  type ChatMessage,
  type ReviewInput,
  type SuggestionFailure,
} from '../../shared/ai/index.ts';
import type { SecretValue } from '../access/secrets.ts';
import type { Advisor, AdvisorAnswer, AdvisorExchange, ReviewContext } from './advisor.ts';

/** OpenRouter's app attribution: the app's URL ranks it, the title names it (a localhost URL needs the title). */
export const ATTRIBUTION_HEADERS = {
  'HTTP-Referer': 'http://localhost/bybit-spot-portal',
  'X-Title': 'Bybit spot portal',
} as const;

export interface OpenRouterAdvisorOptions {
  apiKey: SecretValue;
  baseUrl: string;
  model: string;
  /** 'standin' when baseUrl is the project's own stand-in, so its answers are labelled as such. */
  source: 'openrouter' | 'standin';
  /** One request's bound, ms (the SDK aborts it). */
  timeoutMs?: number;
  /** The longest retry-after a 429 is waited for; a longer one fails at once. */
  maxRateLimitWaitMs?: number;
  /** Retries of a 429 or 5xx answer, each. */
  maxRetries?: number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

class AdvisorFailure extends Error {
  constructor(readonly failure: SuggestionFailure) {
    super(failure.message);
  }
}

const defaultSleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason)), { once: true });
  });

/** retry-after in ms: seconds or an HTTP date (RFC 9110), OpenAI's retry-after-ms first; null when absent or unreadable. */
export function retryAfterMs(headers: Headers | undefined, now = Date.now()): number | null {
  const ms = Number(headers?.get('retry-after-ms'));
  if (headers?.get('retry-after-ms') && Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers?.get('retry-after');
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

function usageOf(completions: readonly ChatCompletion[]): AiUsage | null {
  const usages = completions.map((c) => c.usage).filter((u) => u !== undefined);
  if (usages.length === 0) return null;
  // OpenRouter adds `cost` (credits) to OpenAI's usage block.
  const costs = usages.map((u) => (u as { cost?: unknown }).cost).filter((c): c is number => typeof c === 'number');
  return {
    promptTokens: usages.reduce((s, u) => s + u.prompt_tokens, 0),
    completionTokens: usages.reduce((s, u) => s + u.completion_tokens, 0),
    totalTokens: usages.reduce((s, u) => s + u.total_tokens, 0),
    cost: costs.length === 0 ? null : costs.reduce((s, c) => s + c, 0),
  };
}

/**
 * The AI review through OpenRouter's OpenAI-compatible API with the real `openai` client: strict
 * structured output with the suggestion's JSON Schema, answers validated with zod, exactly one retry
 * quoting the validation error, refusals reported as such. 429s wait for retry-after (bounded),
 * 5xx are retried a bounded number of times; the SDK's own retries are off so these bounds hold.
 */
export function createOpenRouterAdvisor(options: OpenRouterAdvisorOptions): Advisor {
  const { model, source, maxRateLimitWaitMs = 10_000, maxRetries = 2, sleep = defaultSleep } = options;
  const client = new OpenAI({
    apiKey: options.apiKey.reveal(),
    baseURL: options.baseUrl,
    timeout: options.timeoutMs ?? 60_000,
    maxRetries: 0,
    defaultHeaders: ATTRIBUTION_HEADERS,
  });
  const responseFormat = { type: 'json_schema', json_schema: { name: SUGGESTION_SCHEMA_NAME, strict: true, schema: suggestionJsonSchema() } } as const;

  async function complete(messages: ChatMessage[], context: ReviewContext): Promise<ChatCompletion> {
    let rateLimited = 0;
    let failed = 0;
    for (;;) {
      try {
        return await client.chat.completions.create(
          { model, messages, response_format: responseFormat },
          { headers: context.requestId === null ? {} : { 'x-request-id': context.requestId }, signal: context.signal },
        );
      } catch (error) {
        if (error instanceof APIConnectionTimeoutError) {
          throw new AdvisorFailure({ code: 'timeout', message: `${source} did not answer within ${options.timeoutMs ?? 60_000} ms` });
        }
        if (error instanceof APIUserAbortError) throw error;
        if (!(error instanceof APIError)) throw error;
        if (error.status === 429) {
          const wait = retryAfterMs(error.headers) ?? 1000;
          if (rateLimited >= maxRetries || wait > maxRateLimitWaitMs) {
            throw new AdvisorFailure({ code: 'rate_limited', message: `${source} is rate limiting (429, retry-after ${Math.round(wait / 1000)} s) after ${rateLimited + 1} tries` });
          }
          rateLimited++;
          await sleep(wait, context.signal);
          continue;
        }
        if (error.status !== undefined && error.status >= 500 && failed < maxRetries) {
          failed++;
          await sleep(250 * 2 ** failed, context.signal);
          continue;
        }
        throw new AdvisorFailure({ code: 'upstream_error', message: `${source} answered ${error.status ?? 'no status'}: ${error.message}` });
      }
    }
  }

  return {
    source,
    model,
    async review(input: ReviewInput, context: ReviewContext): Promise<AdvisorAnswer> {
      const completions: ChatCompletion[] = [];
      const exchanges: AdvisorExchange[] = [];
      const answer = (fields: Pick<AdvisorAnswer, 'suggestion' | 'failure'>): AdvisorAnswer => ({ ...fields, attempts: exchanges.length, usage: usageOf(completions), exchanges });

      let prompt = reviewMessages(input);
      for (let attempt = 1; ; attempt++) {
        let completion: ChatCompletion;
        try {
          completion = await complete(prompt, context);
        } catch (error) {
          if (!(error instanceof AdvisorFailure)) throw error;
          exchanges.push({ prompt, response: null, refusal: null, model: null });
          return answer({ suggestion: null, failure: error.failure });
        }
        completions.push(completion);
        const message = completion.choices[0]?.message;
        const refusal = message?.refusal ?? null;
        exchanges.push({ prompt, response: message?.content ?? refusal, refusal, model: completion.model });
        if (refusal !== null) return answer({ suggestion: null, failure: { code: 'model_refusal', message: `the model refused: ${refusal}` } });
        const parsed = parseSuggestion(message?.content);
        if (parsed.ok) return answer({ suggestion: parsed.suggestion, failure: null });
        if (attempt === 2) return answer({ suggestion: null, failure: { code: 'invalid_output', message: `invalid answer after one retry: ${parsed.error}` } });
        prompt = retryMessages(prompt, message?.content ?? '', parsed.error);
      }
    },
  };
}
