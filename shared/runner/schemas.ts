import { z } from 'zod';
import { IntervalSchema } from '../market/interval.ts';

/**
 * The live strategy runner's contract (relay/runner/): what a running version is doing, and how
 * its trades compare with the backtest of the same version on the same candles.
 */

/** A live run's id as relay/runner/run-id.ts derives it: strategy, version and activation time in base 36. */
export const StrategyRunIdSchema = z
  .string()
  .regex(/^[a-z0-9-]{1,64}\.v[1-9][0-9]{0,8}\.[0-9a-z]{1,16}$/, 'a strategy run id is <strategy>.v<version>.<activation time in base 36>, e.g. ema-rsi.v3.mhxk2j4l')
  .meta({ description: 'a strategy run, as GET /strategies/{id}/runner names it', examples: ['ema-rsi.v3.mhxk2j4l'] });

export const RunnerStatusSchema = z.object({
  strategyId: z.string(),
  version: z.number().int().positive(),
  /** strategy, version and activation time: the same after a restart, so are its order keys. */
  runId: z.string(),
  symbol: z.string(),
  interval: IntervalSchema,
  /** running: acting on every closed candle; halted: stopped by the kill switch (it does not resume at restart). */
  state: z.enum(['running', 'halted']),
  haltedAt: z.iso.datetime().nullable(),
  startedAt: z.iso.datetime(),
  /** Open time (ms) of the first candle the run acts on; the candles before it only warmed it up. */
  firstCandle: z.number().int(),
  /** Open time (ms) of the last candle it acted on; null before the first. */
  lastCandle: z.number().int().nullable(),
  ordersPlaced: z.number().int().nonnegative(),
  rejectedCount: z.number().int().nonnegative(),
  trades: z.number().int().nonnegative(),
  /** The last failure of a step, e.g. candles the exchange could not serve; null when none. */
  lastError: z.string().nullable(),
});
export type RunnerStatus = z.infer<typeof RunnerStatusSchema>;

export const RunnerStatusResponseSchema = z.object({ runner: RunnerStatusSchema });
export type RunnerStatusResponse = z.infer<typeof RunnerStatusResponseSchema>;

const LegSchema = z.object({
  /** Open time (ms) of the candle the fill happened in. */
  time: z.number().int(),
  price: z.number(),
});

/** One side's view of a trade: when and at what price it entered and left, how much, at what cost. */
export const ParityLegSchema = z.object({
  entry: LegSchema,
  exit: LegSchema.nullable(),
  qty: z.string(),
  fees: z.number(),
  pnl: z.number(),
});

export const ParityRowSchema = z.object({
  /** matched: both traded on the same entry candle; missing: only the backtest did; extra: only the runner did. */
  status: z.enum(['matched', 'missing', 'extra']),
  backtest: ParityLegSchema.nullable(),
  live: ParityLegSchema.nullable(),
  /** Matched rows: the live price against the backtest's, in basis points, positive when it cost the trader (bought higher or sold lower). */
  entrySlippageBps: z.number().nullable(),
  exitSlippageBps: z.number().nullable(),
  /** Matched rows: live minus backtest. */
  qtyDiff: z.number().nullable(),
  feesDiff: z.number().nullable(),
  pnlDiff: z.number().nullable(),
});
export type ParityRow = z.infer<typeof ParityRowSchema>;

export const ParityResponseSchema = z.object({
  runner: RunnerStatusSchema,
  /** The candles both sides saw: from the run's first candle to the last one it acted on. */
  from: z.number().int().nullable(),
  to: z.number().int().nullable(),
  /** The backtest's costs: the paper venue's fee rates, no slippage (the live fills carry the real one). */
  assumptions: z.object({ initialQuote: z.number(), makerFee: z.number(), takerFee: z.number(), slippageBps: z.number() }),
  rows: z.array(ParityRowSchema),
  summary: z.object({ matched: z.number().int(), missing: z.number().int(), extra: z.number().int() }),
});
export type ParityResponse = z.infer<typeof ParityResponseSchema>;
