import {
  DeleteDrawingResponseSchema,
  ListDrawingsResponseSchema,
  PutDrawingResponseSchema,
  type Drawing,
} from '../../shared/drawings/index.ts';
import { ApiErrorSchema } from '../../shared/market/index.ts';

/** The relay could not be reached or answered 5xx: worth retrying later. */
export class DrawingsRelayUnavailableError extends Error {
  override readonly name = 'DrawingsRelayUnavailableError';
}

/** The relay refused the request (4xx): retrying the same payload will not help. */
export class DrawingsRelayRejectedError extends Error {
  override readonly name = 'DrawingsRelayRejectedError';
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export interface DrawingsApi {
  list(symbol: string): Promise<Drawing[]>;
  put(drawing: Drawing): Promise<void>;
  /** Resolves also when the relay never had the drawing: the desired end state is reached. */
  remove(id: string): Promise<void>;
}

export interface DrawingsApiOptions {
  /** Relay API root, default `/api/v1` (same origin as the SPA). */
  baseUrl?: string;
  fetch?: typeof globalThis.fetch;
}

export function createDrawingsApi({ baseUrl = '/api/v1', fetch = globalThis.fetch.bind(globalThis) }: DrawingsApiOptions = {}): DrawingsApi {
  async function call(path: string, init?: RequestInit, allow404 = false): Promise<unknown> {
    let res: Response;
    try {
      res = await fetch(`${baseUrl}${path}`, init);
    } catch (err) {
      throw new DrawingsRelayUnavailableError(`relay unreachable: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (allow404 && res.status === 404) return undefined;
    const body: unknown = await res.json().catch(() => undefined);
    if (res.ok) return body;
    const apiError = ApiErrorSchema.safeParse(body);
    const message = apiError.success ? apiError.data.error.message : res.statusText;
    if (res.status >= 500) throw new DrawingsRelayUnavailableError(`relay error ${res.status}: ${message}`);
    throw new DrawingsRelayRejectedError(`relay refused (${res.status}): ${message}`, res.status);
  }

  return {
    async list(symbol) {
      return ListDrawingsResponseSchema.parse(await call(`/drawings?symbol=${encodeURIComponent(symbol)}`)).drawings;
    },
    async put(drawing) {
      PutDrawingResponseSchema.parse(
        await call(`/drawings/${drawing.id}`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(drawing),
        }),
      );
    },
    async remove(id) {
      const body = await call(`/drawings/${id}`, { method: 'DELETE' }, true);
      if (body !== undefined) DeleteDrawingResponseSchema.parse(body);
    },
  };
}
