import axios, { type AxiosRequestTransformer } from 'axios';
import { currentRequestId } from '../observability/correlation-context.ts';

/**
 * bybit-api takes headers only once, at construction (`networkOptions.headers`), but it spreads
 * its networkOptions into every axios request, and axios hands each request's headers to
 * `transformRequest`: the one per-request hook there is. It adds the API request's id, then
 * axios' own transformers (JSON bodies of signed POSTs) run as they would without it.
 */
export function correlationTransformRequest(): AxiosRequestTransformer[] {
  const defaults = axios.defaults.transformRequest;
  const addRequestId: AxiosRequestTransformer = (data: unknown, headers) => {
    const requestId = currentRequestId();
    if (requestId) headers.set('x-request-id', requestId);
    return data;
  };
  return [addRequestId, ...(defaults === undefined ? [] : Array.isArray(defaults) ? defaults : [defaults])];
}
