import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildReviewInput, SuggestionSchema, suggestionJsonSchema, type ReviewInput } from '../../shared/ai/index.ts';
import { BTC_CONFIG, btcColumns } from '../../shared/backtest/test-dataset.ts';
import { strategyEntry } from '../../shared/strategy/index.ts';
import { SecretValue } from '../access/secrets.ts';
import { startOpenAiStandIn, STANDIN_MODEL, type OpenAiStandIn } from '../openai-standin/index.ts';
import { ATTRIBUTION_HEADERS, createOpenRouterAdvisor, retryAfterMs } from './openrouter-advisor.ts';

/** The real `openai` client against the project's stand-in over 127.0.0.1, one scripted answer at a time. */
const KEY = 'sk-or-v1-standin-test-key';
let standIn: OpenAiStandIn;
let input: ReviewInput;
const cols = btcColumns(1500);
const ctx = (requestId: string | null) => ({ requestId, inSample: { cols, config: BTC_CONFIG } });
const waits: number[] = [];

beforeAll(async () => {
  standIn = await startOpenAiStandIn({ apiKey: KEY, retryAfterSeconds: 2 });
  const entry = strategyEntry('ema-rsi');
  input = await buildReviewInput(cols, entry, entry.parseParams({}), BTC_CONFIG, null);
});
afterAll(() => standIn.close());
beforeEach(() => {
  standIn.requests.length = 0;
  waits.length = 0;
});

const advisor = (timeoutMs = 5_000) =>
  createOpenRouterAdvisor({
    apiKey: new SecretValue(KEY),
    baseUrl: standIn.baseUrl,
    model: STANDIN_MODEL,
    source: 'standin',
    timeoutMs,
    // Recorded instead of slept, so the bounds are checked without waiting them out.
    sleep: async (ms) => void waits.push(ms),
  });

describe('the OpenRouter advisor over the real openai client', () => {
  it('valid: asks for strict structured output with the suggestion schema, attribution and the request id, and parses the answer', async () => {
    standIn.script(['valid']);
    const answer = await advisor().review(input, ctx('req-review-1'));
    expect(answer.failure).toBeNull();
    expect(SuggestionSchema.parse(answer.suggestion)).toEqual(answer.suggestion);
    expect(answer.suggestion!.deltas.length).toBe(1);
    expect(answer.attempts).toBe(1);
    expect(answer.usage).toMatchObject({ promptTokens: expect.any(Number), cost: 0 });
    expect(answer.usage!.totalTokens).toBe(answer.usage!.promptTokens + answer.usage!.completionTokens);

    const [sent] = standIn.requests;
    expect(sent!.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(sent!.headers['x-request-id']).toBe('req-review-1');
    expect(sent!.headers['http-referer']).toBe(ATTRIBUTION_HEADERS['HTTP-Referer']);
    expect(sent!.headers['x-title']).toBe(ATTRIBUTION_HEADERS['X-Title']);
    expect((sent!.body as { response_format: unknown }).response_format).toEqual({
      type: 'json_schema',
      json_schema: { name: 'strategy_param_suggestion', strict: true, schema: suggestionJsonSchema() },
    });
  });

  it.each(['invalid_json', 'schema_violation'] as const)('%s: one retry quoting the validation error, then a valid answer', async (bad) => {
    standIn.script([bad, 'valid']);
    const answer = await advisor().review(input, ctx(null));
    expect(answer.failure).toBeNull();
    expect(answer.attempts).toBe(2);
    const retry = standIn.requests[1]!.body as { messages: { role: string; content: string }[] };
    const last = retry.messages.at(-1)!;
    expect(last.role).toBe('user');
    expect(last.content).toContain(bad === 'invalid_json' ? 'not valid JSON' : 'does not follow the schema');
    expect(answer.exchanges[1]!.prompt.at(-1)!.content).toBe(last.content);
  });

  it('invalid twice: exactly one retry, then a visible invalid_output failure quoting the error', async () => {
    standIn.script(['schema_violation', 'invalid_json', 'valid']);
    const answer = await advisor().review(input, ctx(null));
    expect(standIn.requests.length).toBe(2);
    expect(answer.suggestion).toBeNull();
    expect(answer.failure).toMatchObject({ code: 'invalid_output', message: expect.stringContaining('not valid JSON') });
  });

  it('out_of_bounds: a schema-valid answer is passed on for the bounds check, not retried', async () => {
    standIn.script(['out_of_bounds']);
    const answer = await advisor().review(input, ctx(null));
    expect(answer.attempts).toBe(1);
    expect(answer.suggestion!.deltas[0]!.to).toBeGreaterThan(200);
  });

  it('refusal: reported as the model refusing, with its words, no retry', async () => {
    standIn.script(['refusal']);
    const answer = await advisor().review(input, ctx(null));
    expect(standIn.requests.length).toBe(1);
    expect(answer.failure).toMatchObject({ code: 'model_refusal', message: expect.stringContaining('scripted refusal') });
  });

  it('stall: the bounded timeout ends the request', async () => {
    standIn.script(['stall']);
    const started = Date.now();
    const answer = await advisor(300).review(input, ctx(null));
    expect(answer.failure).toMatchObject({ code: 'timeout', message: expect.stringContaining('300 ms') });
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('429: waits the retry-after, then succeeds; a retry-after beyond the bound fails at once', async () => {
    standIn.script(['rate_limited', 'valid']);
    const answer = await advisor().review(input, ctx(null));
    expect(answer.failure).toBeNull();
    expect(waits).toEqual([2_000]);

    const long = await startOpenAiStandIn({ apiKey: KEY, retryAfterSeconds: 3600, script: ['rate_limited', 'valid'] });
    try {
      const patient = createOpenRouterAdvisor({ apiKey: new SecretValue(KEY), baseUrl: long.baseUrl, model: STANDIN_MODEL, source: 'standin', sleep: async (ms) => void waits.push(ms) });
      const refused = await patient.review(input, ctx(null));
      expect(refused.failure).toMatchObject({ code: 'rate_limited', message: expect.stringContaining('retry-after 3600 s') });
      expect(long.requests.length).toBe(1);
    } finally {
      await long.close();
    }
  });

  it('5xx: retried a bounded number of times, then an upstream_error', async () => {
    standIn.script(['server_error', 'valid']);
    expect((await advisor().review(input, ctx(null))).failure).toBeNull();
    standIn.script(['server_error', 'server_error', 'server_error', 'valid']);
    const failed = await advisor().review(input, ctx(null));
    expect(failed.failure).toMatchObject({ code: 'upstream_error', message: expect.stringContaining('502') });
    expect(standIn.requests.length).toBe(2 + 3);
  });

  it('the stand-in lists its model and refuses a wrong key', async () => {
    const models = await fetch(`${standIn.baseUrl}/models`, { headers: { authorization: `Bearer ${KEY}` } });
    expect(((await models.json()) as { data: { id: string }[] }).data.map((m) => m.id)).toEqual([STANDIN_MODEL]);
    const wrong = createOpenRouterAdvisor({ apiKey: new SecretValue('sk-wrong'), baseUrl: standIn.baseUrl, model: STANDIN_MODEL, source: 'standin' });
    expect((await wrong.review(input, ctx(null))).failure).toMatchObject({ code: 'upstream_error', message: expect.stringContaining('401') });
  });
});

describe('retryAfterMs', () => {
  it('reads seconds, an HTTP date and retry-after-ms', () => {
    expect(retryAfterMs(new Headers({ 'retry-after': '3' }))).toBe(3000);
    expect(retryAfterMs(new Headers({ 'retry-after-ms': '250', 'retry-after': '3' }))).toBe(250);
    expect(retryAfterMs(new Headers({ 'retry-after': new Date(10_000).toUTCString() }), 4_000)).toBe(6_000);
    expect(retryAfterMs(new Headers({ 'retry-after': 'soon' }))).toBeNull();
    expect(retryAfterMs(new Headers())).toBeNull();
  });
});
