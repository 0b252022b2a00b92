import { z } from 'zod';
import { AuditChainStateSchema } from '../audit/schemas.ts';
import { LiveArmStateSchema } from '../execution/live-arm.ts';
import { CircuitStatusSchema } from '../net/circuit-status.ts';
import { IntervalSchema } from './interval.ts';
import { BybitEnvSchema, TradingModeSchema } from './relay-modes.ts';
import { CandleSchema, TickerSchema } from './schemas.ts';

/**
 * Browser <-> relay stream contract. One multiplexed socket per tab at /api/v1/stream
 * (subscribe/unsubscribe topics), plus /api/v1/stream/ticks/{symbol} which is pre-subscribed
 * to that symbol's ticker.
 */

/**
 * Bybit spot symbols are upper-case letters and digits ("BTCUSDT", "1INCHUSDT"). Checked before a
 * topic goes anywhere near the exchange, which refuses a whole subscribe batch over one bad topic.
 */
export const StreamSymbolSchema = z
  .string()
  .regex(/^[A-Z0-9]{2,32}$/, 'expected a spot symbol of 2-32 upper-case letters and digits, such as "BTCUSDT"');

export const StreamTopicSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ticker'), symbol: StreamSymbolSchema }),
  z.object({ kind: z.literal('kline'), symbol: StreamSymbolSchema, interval: IntervalSchema }),
]);
export type StreamTopic = z.infer<typeof StreamTopicSchema>;

export const ClientStreamMessageSchema = z.object({
  op: z.enum(['subscribe', 'unsubscribe']),
  topics: z.array(StreamTopicSchema).min(1),
});
export type ClientStreamMessage = z.infer<typeof ClientStreamMessageSchema>;

export const UpstreamStatusSchema = z.object({
  state: z.enum(['connecting', 'connected', 'reconnecting']),
  /** Why the last attempt failed, for the UI banner. */
  lastError: z.string().nullable(),
  /** When the next retry happens (ms epoch) while reconnecting. */
  nextRetryAt: z.number().int().nullable(),
});
export type UpstreamStatus = z.infer<typeof UpstreamStatusSchema>;

export const TickerEventSchema = z.object({ type: z.literal('ticker'), ticker: TickerSchema });

export const KlineEventSchema = z.object({
  type: z.literal('kline'),
  symbol: z.string(),
  interval: IntervalSchema,
  candle: CandleSchema,
  /** true once the candle has closed; false while it is still forming. */
  closed: z.boolean(),
});

/** A market data push of one topic, as the exchange gateway emits it and the relay forwards it. */
export const MarketEventSchema = z.discriminatedUnion('type', [TickerEventSchema, KlineEventSchema]);
export type MarketEvent = z.infer<typeof MarketEventSchema>;

export const ServerStreamMessageSchema = z.discriminatedUnion('type', [
  TickerEventSchema,
  KlineEventSchema,
  z.object({ type: z.literal('status'), upstream: UpstreamStatusSchema }),
  z.object({ type: z.literal('error'), message: z.string() }),
]);
export type ServerStreamMessage = z.infer<typeof ServerStreamMessageSchema>;

export const StatusResponseSchema = z.object({
  mode: TradingModeSchema,
  bybitEnv: BybitEnvSchema,
  rest: UpstreamStatusSchema,
  stream: UpstreamStatusSchema,
  /** The audit log's hash chain as last verified (relay/audit); absent from relays older than it. */
  audit: AuditChainStateSchema.optional(),
  /** The circuit breaker around the signed Bybit calls of the live venue; absent when the relay makes none (paper). */
  bybitCircuit: CircuitStatusSchema.optional(),
  /** The circuit breaker around the public market REST calls (instruments, tickers, klines), apart from the signed calls' one; absent when the gateway has none. */
  bybitPublicCircuit: CircuitStatusSchema.optional(),
  /** Whether an operator armed live orders (PUT /trading/live); absent in paper, which needs no arming. */
  liveArm: LiveArmStateSchema.optional(),
});
export type StatusResponse = z.infer<typeof StatusResponseSchema>;
