import { context, createContextKey, type Context } from '@opentelemetry/api';

/**
 * The request id rides in the OpenTelemetry context beside the active span, so code far from the
 * request (a cache load, the Bybit REST wrapper) can quote it without it being passed down.
 */
const REQUEST_ID = createContextKey('relay.request-id');

export function withRequestId(ctx: Context, requestId: string): Context {
  return ctx.setValue(REQUEST_ID, requestId);
}

/** The id of the API request this code runs for, if any (background jobs have none). */
export function currentRequestId(): string | undefined {
  const value = context.active().getValue(REQUEST_ID);
  return typeof value === 'string' ? value : undefined;
}
