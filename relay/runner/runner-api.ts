import { z } from 'zod';
import { ParityResponseSchema, RunnerStatusResponseSchema } from '../../shared/runner/schemas.ts';
import type { ApiRoute } from '../http/api-route.ts';

export const StrategyIdParamsSchema = z.object({
  id: z
    .string()
    .regex(/^[a-z0-9-]{1,64}$/, 'a strategy id is 1-64 of a-z, 0-9 and -, e.g. ema-rsi')
    .meta({ description: 'the strategy whose active version runs', examples: ['ema-rsi'] }),
});

/** The live strategy runner, mounted under /api/v1: what the active version is doing, and how it compares with its backtest. */
export const RUNNER_API = {
  status: {
    method: 'get',
    path: '/strategies/:id/runner',
    summary: "The strategy's running version: run id, last candle acted on, orders placed, halted or not",
    params: StrategyIdParamsSchema,
    responses: { 200: { description: 'the run', schema: RunnerStatusResponseSchema } },
    errors: { 400: 'invalid_strategy_id', 404: 'no_running_version: the strategy has no active version running' },
  },
  parity: {
    method: 'get',
    path: '/strategies/:id/parity',
    summary: 'Backtest vs live, per trade: the backtest of the running version on the candles the run saw, against what the run did',
    description:
      'The backtest runs the same kernel on the relay\'s candles from the run\'s warm-up to the last candle it acted on, with the paper venue\'s fee rates and no slippage; each trade is paired with the live one that entered on the same candle (matched), or listed as missing (backtest only) or extra (live only), with entry/exit time and price, qty, fees and the live slippage in basis points.',
    params: StrategyIdParamsSchema,
    responses: { 200: { description: 'the per-trade diff', schema: ParityResponseSchema } },
    errors: { 400: 'invalid_strategy_id', 404: 'no_running_version: the strategy has no active version running' },
  },
} as const satisfies Record<string, ApiRoute>;
