import { z } from 'zod';
import { IntervalSchema } from '../market/interval.ts';
import { InstrumentRulesSchema } from '../strategy/order-rules.ts';
import { CandleGapsSchema } from './candle-spacing.ts';
import { RejectionSchema, TradeSchema } from '../kernel/schemas.ts';

export const MAX_INITIAL_QUOTE = 1_000_000_000;

/** Costs and account set-up of one simulation; defaults are Bybit spot's base fee tier. */
export const BacktestConfigSchema = z.object({
  symbol: z.string().min(1),
  interval: IntervalSchema,
  instrument: InstrumentRulesSchema,
  /**
   * Starting quote balance (e.g. USDT). A billion is beyond any spot book's depth, and it keeps
   * holdings countable in exact lots (quote / price / lot stays a safe integer on Bybit's rules).
   */
  initialQuote: z.number().positive().max(MAX_INITIAL_QUOTE).default(10_000),
  /** Fee on resting (limit) fills, as a fraction: 0.001 = 0.1%. */
  makerFee: z.number().min(0).max(0.01).default(0.001),
  /** Fee on market and stop fills. */
  takerFee: z.number().min(0).max(0.01).default(0.001),
  /** Adverse price move applied to market and stop fills, in basis points. */
  slippageBps: z.number().min(0).max(500).default(0),
  /** Keep per-candle equity/drawdown series (off for sweeps to save memory). */
  recordSeries: z.boolean().default(true),
});
export type BacktestConfig = z.infer<typeof BacktestConfigSchema>;
export type BacktestConfigInput = z.input<typeof BacktestConfigSchema>;

export const FILL_MODEL_DESCRIPTION =
  'decision on candle t close; market orders fill at candle t+1 open +/- slippage (taker fee); ' +
  'a new limit order already through the t+1 open fills there +/- slippage, never past its price (taker fee); ' +
  'otherwise it rests from t+1 and fills at its price only when a candle trades through it (maker fee); ' +
  'a buy limit locks its quote and a sell limit its base, so a market sell sells only the base no limit holds; ' +
  'sell stops trigger when low <= stop and fill at min(open, stop) - slippage (taker fee); ' +
  'fees charged as on Bybit spot, in the asset received: a buy pays its fee in base (receives qty x (1 - fee)), ' +
  'a sell in quote (receives proceeds x (1 - fee)); fees paid reported in quote, base fees valued at the fill price; ' +
  'sells are whole basePrecision lots of the base held, leaving any dust below one lot in the account; ' +
  'qty floored to basePrecision, prices on tickSize; minOrderQty/minOrderAmt enforced';

export const AssumptionsSchema = z.object({
  initialQuote: z.number(),
  makerFee: z.number(),
  takerFee: z.number(),
  slippageBps: z.number(),
  fillModel: z.string(),
  instrument: InstrumentRulesSchema,
});
export type Assumptions = z.infer<typeof AssumptionsSchema>;

export const MetricsSchema = z.object({
  /** Final equity / initial - 1. */
  netReturn: z.number(),
  /** Largest peak-to-trough equity fall, as a positive fraction. */
  maxDrawdown: z.number().min(0),
  /** Share of closed trades with pnl > 0; null without closed trades. */
  winRate: z.number().nullable(),
  /** Mean/stdev of per-candle returns, annualised for a 24/7 market at this interval. */
  sharpe: z.number(),
  /** Round trips (flat -> long -> flat), counting one still open at the end. */
  tradeCount: z.number().int(),
  /** Gross profit / gross loss of closed trades; null when there is no loss to divide by. */
  profitFactor: z.number().nullable(),
  /** Share of candles closed while holding a position. */
  exposure: z.number().min(0).max(1),
  /** In quote: a buy's fee, taken in base, is valued at its fill price. */
  feesPaid: z.number(),
  finalEquity: z.number(),
  rejectedOrders: z.number().int(),
});
export type Metrics = z.infer<typeof MetricsSchema>;

export { RejectionSchema, TradeSchema, type Rejection, type Trade } from '../kernel/schemas.ts';

/** A trade as a report lists it: with the tag of the order that closed it (the strategy's `orderTags` word it). */
export const ReportTradeSchema = TradeSchema.extend({
  /** null while the trade is open at the end of the data, or when the closing order had no tag. */
  exitTag: z.string().nullable(),
});
export type ReportTrade = z.infer<typeof ReportTradeSchema>;

export const DatasetRangeSchema = z.object({
  from: z.number().int(),
  to: z.number().int(),
  candles: z.number().int(),
  /** `sha256-<64 hex>` of the candles' canonical columns (see dataset-hash.ts); older records may carry another label. */
  hash: z.string().min(1),
});
export type DatasetRange = z.infer<typeof DatasetRangeSchema>;

export const StrategyRefSchema = z.object({ id: z.string(), version: z.string() });

/** Strategy params as they cross a boundary; each strategy's own schema checks them when bound. */
export const StrategyParamsSchema = z.record(z.string(), z.unknown());

/** What was run on which data under which assumptions, and how it did: shared by the report and the stored run. */
const RunOutcomeSchema = z.object({
  strategy: StrategyRefSchema,
  symbol: z.string(),
  interval: IntervalSchema,
  dataset: DatasetRangeSchema,
  params: StrategyParamsSchema,
  assumptions: AssumptionsSchema,
  metrics: MetricsSchema,
});

export const BacktestReportSchema = RunOutcomeSchema.extend({
  /** Missing candles in the trading window (the report of a run on holed data says so). */
  gaps: CandleGapsSchema,
  trades: z.array(ReportTradeSchema),
  rejections: z.array(RejectionSchema),
  /** The same starting balance bought at the first open under the same costs and held (report-benchmark.ts). */
  buyAndHold: MetricsSchema,
});
export type BacktestReport = z.infer<typeof BacktestReportSchema>;

export const VerdictSchema = z.enum(['better', 'worse', 'inconclusive']);
export type Verdict = z.infer<typeof VerdictSchema>;

export const ScoreMetricSchema = z.enum(['sharpe', 'netReturn']);
export type ScoreMetric = z.infer<typeof ScoreMetricSchema>;

/**
 * Walk-forward: rolling windows, each a training window on which the params are re-fitted
 * (`searchParams` on that window only) followed by the unseen test window they are judged on.
 * The candles split into `trainRatio + windows` test-window lengths; every training window is as
 * long (rolling, not anchored), the first starts at the first candle and the last test window ends
 * at the last candle.
 */
export const WalkForwardConfigSchema = z.object({
  /** Unseen test windows, each right after its training window. */
  windows: z.number().int().min(1).max(20).default(4),
  /** Training window length as a multiple of the test window length. */
  trainRatio: z.number().min(1).max(10).default(3),
  /** Seeded parameter candidates scored on each training window (the baseline's and candidate's params are scored too). */
  candidates: z.number().int().min(1).max(500).default(20),
  /** Seed of the candidate generator: the same seed draws the same candidates. */
  seed: z.number().int().min(0).max(0xffffffff).default(1),
  /**
   * Walk-forward efficiency below which the re-fit is flagged as overfitting: out of sample the
   * fitted params keep less than this share of their in-sample score (see `walkForwardEfficiency`).
   */
  minEfficiency: z.number().min(0).max(1).default(0.5),
});
export type WalkForwardConfig = z.infer<typeof WalkForwardConfigSchema>;

/** Everything that decides a comparison's verdict: the config stored with a run recomputes it (`recomputeVerdict`). */
export const ComparisonConfigSchema = z.object({
  /** Share of candles (from the start) used as in-sample; the rest is out-of-sample. */
  inSampleFraction: z.number().gt(0).lt(1).default(0.7),
  /** k contiguous folds over the whole range, both fixed param sets run on each (no re-fit: that is `walkForward`). */
  kFolds: z.number().int().min(2).max(20).default(4),
  score: ScoreMetricSchema.default('sharpe'),
  /** Smallest score change that counts as a difference (noise floor). */
  minScoreDelta: z.number().min(0).default(0.1),
  /** Out-of-sample trades needed before the candidate can be called better. */
  minTrades: z.number().int().min(0).default(5),
  /** Candidate out-of-sample max drawdown may exceed the baseline's by at most this (absolute fraction: 0.05 = 5 points). */
  drawdownTolerance: z.number().min(0).max(1).default(0.05),
  /** Share of the k folds the candidate must win to be called better. */
  foldWinShare: z.number().gt(0).max(1).default(0.6),
  walkForward: WalkForwardConfigSchema.prefault({}),
});
export type ComparisonConfig = z.infer<typeof ComparisonConfigSchema>;
export type ComparisonConfigInput = z.input<typeof ComparisonConfigSchema>;

const SidePairSchema = z.object({ baseline: MetricsSchema, candidate: MetricsSchema });

/** One of the k contiguous folds: both fixed param sets over the same candles. */
export const KFoldResultSchema = SidePairSchema.extend({
  from: z.number().int(),
  to: z.number().int(),
  candidateBetter: z.boolean(),
});

/** Candles [start, end) by index, with the open times of the first and the last one. */
export const CandleSpanSchema = z.object({
  start: z.number().int().min(0),
  end: z.number().int().min(1),
  from: z.number().int(),
  to: z.number().int(),
});
export type CandleSpan = z.infer<typeof CandleSpanSchema>;

export const WalkForwardWindowSchema = z.object({
  train: CandleSpanSchema,
  test: CandleSpanSchema,
  /** The best-scoring params on the training window (the search never saw the test window). */
  fittedParams: StrategyParamsSchema,
  /** Fitted params on their training window. */
  inSample: MetricsSchema,
  /** Fitted params on the following test window. */
  outOfSample: MetricsSchema,
  /** The comparison's fixed params on the same test window. */
  baseline: MetricsSchema,
  candidate: MetricsSchema,
  /** Candidates scored on the training window, and drawn ones the strategy's schema refused (cross-field rules). */
  candidatesScored: z.number().int().min(0),
  candidatesRefused: z.number().int().min(0),
});
export type WalkForwardWindow = z.infer<typeof WalkForwardWindowSchema>;

export const WalkForwardReportSchema = z.object({
  mode: z.literal('rolling'),
  windows: z.array(WalkForwardWindowSchema).min(1),
  /**
   * The test windows chained into one out-of-sample run: each window's equity curve (and trades
   * and fees) scaled to start at the equity the previous window ended with, as if the account
   * carried over. `fitted` re-fits before every window; `baseline` and `candidate` keep their params.
   */
  stitched: z.object({ fitted: MetricsSchema, baseline: MetricsSchema, candidate: MetricsSchema }),
  /** Stitched out-of-sample score over mean in-sample score (per candle for netReturn); null without an in-sample edge (mean <= 0). */
  efficiency: z.number().nullable(),
  /** efficiency < config.walkForward.minEfficiency: the re-fit's in-sample edge does not survive unseen data. */
  overfitting: z.boolean(),
});
export type WalkForwardReport = z.infer<typeof WalkForwardReportSchema>;

export const ComparisonReportSchema = z.object({
  strategy: StrategyRefSchema,
  symbol: z.string(),
  interval: IntervalSchema,
  dataset: DatasetRangeSchema,
  gaps: CandleGapsSchema,
  assumptions: AssumptionsSchema,
  config: ComparisonConfigSchema,
  baselineParams: StrategyParamsSchema,
  candidateParams: StrategyParamsSchema,
  /** Open time of the first out-of-sample candle. */
  splitTime: z.number().int(),
  inSample: SidePairSchema,
  outOfSample: SidePairSchema,
  kFolds: z.array(KFoldResultSchema),
  walkForward: WalkForwardReportSchema,
  /** In-sample improved but out-of-sample did not: the candidate likely fits noise. */
  overfitting: z.boolean(),
  verdict: VerdictSchema,
  reasons: z.array(z.string()).min(1),
});
export type ComparisonReport = z.infer<typeof ComparisonReportSchema>;

/** BRD §8 SimulationRun: what the audit log and the review loop store about one run. */
export const SimulationRunSchema = RunOutcomeSchema.extend({
  /** Verdict against the baseline; null for a standalone run. */
  verdict: VerdictSchema.nullable(),
  reasons: z.array(z.string()),
});
export type SimulationRun = z.infer<typeof SimulationRunSchema>;
