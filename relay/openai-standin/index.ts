import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { jsonOrUndefined, reviewInputOf, scriptedContent, type ScriptedAnswer } from './scripted-answers.ts';

export { ScriptedAnswerSchema, type ScriptedAnswer } from './scripted-answers.ts';

export const STANDIN_MODEL = 'standin/scripted-reviewer';

export interface OpenAiStandInOptions {
  /** Answers for the next requests, in order; once used up every request gets `valid`. */
  script?: ScriptedAnswer[];
  /** The bearer key requests must carry; any non-empty key when absent. */
  apiKey?: string;
  /** Seconds a `rate_limited` answer asks to wait (retry-after). */
  retryAfterSeconds?: number;
  port?: number;
}

export interface RecordedRequest {
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
  answer: ScriptedAnswer | null;
}

export interface OpenAiStandIn {
  /** `http://127.0.0.1:PORT/v1`, the openai client's `baseURL`. */
  baseUrl: string;
  /** Every request as it arrived, for tests to read the headers and bodies the client sent. */
  requests: RecordedRequest[];
  /** Replaces what the next requests get. */
  script(answers: ScriptedAnswer[]): void;
  close(): Promise<void>;
}

/** Rough tokens of a text (4 characters each), for a usage block in the real wire format. */
const tokens = (text: string) => Math.ceil(text.length / 4);

/**
 * An OpenAI-compatible chat completions server on loopback (POST /v1/chat/completions, GET
 * /v1/models) answering from a script: the relay's real `openai` client is tested against every
 * way a provider can answer, and `npm run demo` shows a review offline, labelled as the stand-in.
 */
export async function startOpenAiStandIn(options: OpenAiStandInOptions = {}): Promise<OpenAiStandIn> {
  let queue = [...(options.script ?? [])];
  const requests: RecordedRequest[] = [];
  const stalled = new Set<ServerResponse>();

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const text = await readBody(req);
    const body = text === '' ? undefined : (jsonOrUndefined(text) ?? text);
    const auth = req.headers.authorization ?? '';
    const key = auth.startsWith('Bearer ') ? auth.slice(7) : '';
    if (key === '' || (options.apiKey !== undefined && key !== options.apiKey)) {
      requests.push({ path, headers: req.headers, body, answer: null });
      return sendJson(res, 401, { error: { message: 'No auth credentials found', code: 401 } });
    }
    if (req.method === 'GET' && path === '/v1/models') {
      requests.push({ path, headers: req.headers, body, answer: null });
      return sendJson(res, 200, { object: 'list', data: [{ id: STANDIN_MODEL, object: 'model', created: 0, owned_by: 'openai-standin' }] });
    }
    if (req.method !== 'POST' || path !== '/v1/chat/completions') {
      requests.push({ path, headers: req.headers, body, answer: null });
      return sendJson(res, 404, { error: { message: `no route ${req.method} ${path}`, code: 404 } });
    }
    const answer = queue.shift() ?? 'valid';
    requests.push({ path, headers: req.headers, body, answer });
    const request = (body ?? {}) as { model?: string; messages?: { role: string; content?: unknown }[] };
    switch (answer) {
      case 'stall':
        // Holds the request open until the client gives up (its timeout) or the stand-in closes.
        stalled.add(res);
        res.on('close', () => stalled.delete(res));
        return;
      case 'rate_limited':
        res.setHeader('retry-after', String(options.retryAfterSeconds ?? 1));
        return sendJson(res, 429, { error: { message: 'Rate limit exceeded: scripted by the stand-in', code: 429 } });
      case 'server_error':
        return sendJson(res, 502, { error: { message: 'Provider returned error: scripted by the stand-in', code: 502 } });
    }
    const content = answer === 'refusal' ? null : scriptedContent(answer, reviewInputOf(request.messages ?? []));
    const refusal = answer === 'refusal' ? 'I cannot help with trading decisions (scripted refusal of the stand-in).' : null;
    const promptTokens = tokens(JSON.stringify(request.messages ?? []));
    const completionTokens = tokens(content ?? refusal ?? '');
    sendJson(res, 200, {
      id: `chatcmpl-${randomUUID()}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: request.model ?? STANDIN_MODEL,
      choices: [{ index: 0, message: { role: 'assistant', content, refusal }, finish_reason: 'stop', logprobs: null }],
      // OpenRouter's usage block: token counts and the cost in credits.
      usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens, cost: 0 },
    });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => sendJson(res, 500, { error: { message: String(error), code: 500 } }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    script: (answers) => {
      queue = [...answers];
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of stalled) res.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
