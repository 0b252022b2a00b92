import { IndicatorChoiceQuerySchema, IndicatorsResponseSchema } from '../../shared/indicators/index.ts';
import type { ApiRoute } from '../http/api-route.ts';
import { CandleWindowQuerySchema } from '../http/market-queries.ts';

/** Mounted under /api/v1; the query is the candle window /candles reads plus the indicator choice. */
export const INDICATORS_API = {
  indicators: {
    method: 'get',
    path: '/indicators',
    summary: 'One indicator computed over the closed candles of [from, to]',
    description: 'Values are null while the indicator warms up; the forming candle is left out.',
    query: CandleWindowQuerySchema.extend(IndicatorChoiceQuerySchema.shape),
    responses: { 200: { description: 'the indicator series, columnar', schema: IndicatorsResponseSchema } },
    errors: {
      400: 'invalid_query: a bad candle window, indicator name or params',
      404: 'unknown_symbol: the symbol is not a Bybit spot symbol',
      502: 'bad_upstream_data: Bybit sent a candle the indicator cannot use',
      503: 'upstream_unavailable: Bybit is unreachable',
    },
  },
} as const satisfies Record<string, ApiRoute>;
