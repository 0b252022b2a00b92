import { Router } from 'express';
import {
  computeIndicator,
  indicatorDefinition,
  InvalidCandleError,
  type IndicatorsResponse,
  type IndicatorSeries,
} from '../../shared/indicators/index.ts';
import { candleOpenTime, INTERVAL_MS } from '../../shared/market/index.ts';
import { mountRoute } from '../http/api-route.ts';
import { HttpError } from '../http/http-error.ts';
import type { MarketGateway } from '../market/gateway.ts';
import { INDICATORS_API } from './indicators-api.ts';
import { parseIndicatorsRequest, type IndicatorsRequest } from './indicators-query.ts';

export interface IndicatorsRouterDeps {
  /** The raw gateway or the relay's cached MarketService: only candle reads are needed. */
  gateway: Pick<MarketGateway, 'getCandles'>;
  now?: () => number;
}

/**
 * `GET /indicators?symbol=&interval=&name=&params=&from=&to=` (mounted under /api/v1).
 * Loads the indicator's look-back before `from` (`lookbackStart`: enough candles that a value does
 * not depend on where loading began), computes with the shared engine, and answers for closed
 * candles in [from, to]. Bad name/params → 400 bad_request; unknown symbol / unreachable Bybit
 * propagate to the relay's error handler (404 / 503); a non-finite upstream candle → 502.
 */
export function createIndicatorsRouter({ gateway, now = Date.now }: IndicatorsRouterDeps): Router {
  const router = Router();

  mountRoute(router, INDICATORS_API.indicators, async (req, res) => {
    const request = parseIndicatorsRequest(req.query, now());
    const { symbol, interval, spec, from, to } = request;
    const definition = indicatorDefinition(spec);
    const step = INTERVAL_MS[interval];
    // Clamped at the epoch: a look-back reaching before 1970 is simply "from the first candle", and
    // Bybit refuses a negative start.
    const loadFrom = candleOpenTime(Math.max(0, definition.lookbackStart(spec.params, from, step)), interval);
    // The forming candle is left out: indicator values belong to closed candles only.
    const lastClosed = candleOpenTime(now(), interval) - step;
    const loadTo = Math.min(to, lastClosed);
    const candles = loadFrom <= loadTo ? await gateway.getCandles(symbol, interval, loadFrom, loadTo) : [];
    res.json(toResponse(request, computeSeries(request, candles)));
  });

  return router;
}

function computeSeries({ spec, symbol, interval }: IndicatorsRequest, candles: Parameters<typeof computeIndicator>[1]): IndicatorSeries {
  try {
    return computeIndicator(spec, candles);
  } catch (err) {
    if (err instanceof InvalidCandleError) throw new HttpError(502, 'bad_upstream_data', `Bybit sent an unusable ${symbol} ${interval} candle: ${err.message}`);
    throw err;
  }
}

function toResponse({ symbol, interval, spec, from, to }: IndicatorsRequest, series: IndicatorSeries): IndicatorsResponse {
  const definition = indicatorDefinition(spec);
  let first = 0;
  while (first < series.time.length && series.time[first]! < from) first++;
  const values: Record<string, (number | null)[]> = {};
  for (const output of series.outputs) {
    // JSON has no NaN: warm-up becomes null.
    values[output] = Array.from(series.values[output]!.subarray(first), (v) => (Number.isNaN(v) ? null : v));
  }
  return {
    symbol,
    interval,
    from,
    to,
    indicator: {
      name: spec.name,
      label: definition.label,
      pane: definition.pane,
      outputs: [...series.outputs],
      params: spec.params,
      paramsHash: series.paramsHash,
    },
    time: Array.from(series.time.subarray(first)),
    values,
  };
}
