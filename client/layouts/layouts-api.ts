import { LayoutResponseSchema, type ChartLayout, type LayoutKey } from '../../shared/layouts/index.ts';
import { requestJson, type FetchFn } from '../market/api-client.ts';

export interface LayoutsApi {
  /** The relay's layout, or null when it has none for this chart. */
  get(key: LayoutKey): Promise<ChartLayout | null>;
  put(layout: ChartLayout): Promise<void>;
}

const layoutPath = (baseUrl: string, { symbol, interval }: LayoutKey) =>
  `${baseUrl}/layouts/${encodeURIComponent(symbol)}/${encodeURIComponent(interval)}`;

export function createLayoutsApi(fetch: FetchFn = globalThis.fetch.bind(globalThis), baseUrl = '/api/v1'): LayoutsApi {
  return {
    async get(key) {
      return (await requestJson(layoutPath(baseUrl, key), LayoutResponseSchema, fetch)).layout;
    },
    async put(layout) {
      await requestJson(layoutPath(baseUrl, layout), LayoutResponseSchema, fetch, { method: 'PUT', body: layout });
    },
  };
}
