import {
  DeleteDrawingResponseSchema,
  ListDrawingsResponseSchema,
  PutDrawingResponseSchema,
  type Drawing,
} from '../../shared/drawings/index.ts';
import { ApiRequestError, requestJson, type FetchFn } from '../market/api-client.ts';

export interface DrawingsApi {
  list(symbol: string): Promise<Drawing[]>;
  put(drawing: Drawing): Promise<void>;
  /** Resolves also when the relay never had the drawing: the desired end state is reached. */
  remove(id: string): Promise<void>;
}

export interface DrawingsApiOptions {
  /** Relay API root, default `/api/v1` (same origin as the SPA). */
  baseUrl?: string;
  fetch?: FetchFn;
}

/**
 * The relay refused the change (4xx): sending the same payload again will not help. Anything else
 * (RelayUnreachableError, a 5xx) is worth retrying later.
 */
export function isRejectedByRelay(err: unknown): err is ApiRequestError {
  return err instanceof ApiRequestError && err.status < 500;
}

export function createDrawingsApi({ baseUrl = '/api/v1', fetch = globalThis.fetch.bind(globalThis) }: DrawingsApiOptions = {}): DrawingsApi {
  return {
    async list(symbol) {
      return (await requestJson(`${baseUrl}/drawings?symbol=${encodeURIComponent(symbol)}`, ListDrawingsResponseSchema, fetch)).drawings;
    },
    async put(drawing) {
      await requestJson(`${baseUrl}/drawings/${drawing.id}`, PutDrawingResponseSchema, fetch, { method: 'PUT', body: drawing });
    },
    async remove(id) {
      try {
        await requestJson(`${baseUrl}/drawings/${id}`, DeleteDrawingResponseSchema, fetch, { method: 'DELETE' });
      } catch (err) {
        if (err instanceof ApiRequestError && err.status === 404) return;
        throw err;
      }
    },
  };
}
