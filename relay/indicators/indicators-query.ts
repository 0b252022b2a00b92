import { IndicatorChoiceQuerySchema, IndicatorSpecError, parseIndicatorSpec } from '../../shared/indicators/index.ts';
import type { IndicatorSpec } from '../../shared/indicators/index.ts';
import { HttpError } from '../http/http-error.ts';
import { describeIssues } from '../http/json-request.ts';
import { parseCandleWindow, type CandleWindow } from '../http/market-queries.ts';

export interface IndicatorsRequest extends CandleWindow {
  spec: IndicatorSpec;
}

function badRequest(message: string): HttpError {
  return new HttpError(400, 'invalid_query', message);
}

/**
 * `GET /indicators` query → validated request: the candle window as /candles parses it (same
 * defaults, limits, alignment and messages) plus the indicator and its parameters.
 */
export function parseIndicatorsRequest(query: unknown, now: number): IndicatorsRequest {
  const window = parseCandleWindow(query, now);
  const parsed = IndicatorChoiceQuerySchema.safeParse(query);
  if (!parsed.success) throw badRequest(describeIssues(parsed.error));
  try {
    return { ...window, spec: parseIndicatorSpec(parsed.data) };
  } catch (err) {
    if (err instanceof IndicatorSpecError) throw badRequest(err.message);
    throw err;
  }
}
