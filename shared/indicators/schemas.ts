import { z } from 'zod';
import { IntervalSchema } from '../market/index.ts';
import type { IndicatorDefinition } from './definition.ts';
import { INDICATOR_NAMES } from './definitions.ts';
import { atr } from './atr.ts';
import { bollinger } from './bollinger.ts';
import { ema } from './ema.ts';
import { macd } from './macd.ts';
import { rsi } from './rsi.ts';
import { sma } from './sma.ts';
import { vwap } from './vwap.ts';

const nameError = `name must be one of ${INDICATOR_NAMES.join(', ')}`;

export const IndicatorNameSchema = z.enum(INDICATOR_NAMES, { error: nameError });
export type IndicatorName = z.infer<typeof IndicatorNameSchema>;

/** Omitted params mean "all defaults"; unknown param keys are rejected so a typo is not silently ignored. */
function specOf<const Name extends string, Params extends object>(definition: IndicatorDefinition<Name, Params>) {
  return z.object({ name: z.literal(definition.name), params: definition.params.prefault({}) });
}

/** A chosen indicator with its parameters; after parsing every default is filled in. */
export const IndicatorSpecSchema = z.discriminatedUnion(
  'name',
  [specOf(sma), specOf(ema), specOf(bollinger), specOf(vwap), specOf(rsi), specOf(macd), specOf(atr)],
  { error: (issue) => (issue.code === 'invalid_union' ? nameError : undefined) },
);
export type IndicatorSpecInput = z.input<typeof IndicatorSpecSchema>;
export type IndicatorSpec = z.output<typeof IndicatorSpecSchema>;

const finitePrice = (field: string) =>
  z.number({ error: (issue) => `${field} must be a finite number, not ${String(issue.input)}` });

/**
 * A candle fed to an indicator. NaN or ±Infinity is refused here with the field named: a single
 * one would otherwise poison every later EMA, RSI, MACD and ATR value of the series.
 */
export const IndicatorCandleSchema = z.object({
  openTime: z.number({ error: 'openTime must be a UTC time in ms' }).int('openTime must be a whole number of ms'),
  open: finitePrice('open'),
  high: finitePrice('high'),
  low: finitePrice('low'),
  close: finitePrice('close'),
  volume: finitePrice('volume'),
});

/** 16 lowercase hex digits: FNV-1a 64 of the canonical parameter JSON. */
export const ParamsHashSchema = z.string().regex(/^[0-9a-f]{16}$/, 'paramsHash must be 16 lowercase hex digits');

/** One stored indicator value (BRD FR-4 key: symbol, timeframe, indicator, paramsHash, candle time). */
export const IndicatorValueSchema = z.object({
  symbol: z.string().min(1),
  timeframe: IntervalSchema,
  indicator: IndicatorNameSchema,
  paramsHash: ParamsHashSchema,
  /** Open time of the closed candle the value belongs to, UTC ms. */
  time: z.number().int(),
  values: z.record(z.string(), z.number()),
});
export type IndicatorValue = z.infer<typeof IndicatorValueSchema>;

/**
 * The indicator part of `GET /api/v1/indicators`' query; `params` is a JSON object string, e.g.
 * `{"period":50}`. Symbol, interval, from and to are the candle window, which the relay reads with
 * the same parser as /candles, so they are not declared a second time here.
 */
export const IndicatorChoiceQuerySchema = z.object({
  name: z.string({ error: `name is required; ${nameError}` }).meta({ description: `one of ${INDICATOR_NAMES.join(', ')}`, examples: ['sma'] }),
  params: z
    .string()
    .optional()
    .meta({ description: 'the parameters as a JSON object; omitted ones take their defaults', examples: ['{"period":20}'] })
    .transform((text, ctx) => {
      if (text === undefined || text === '') return {};
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'params must be a JSON object such as {"period":20}' });
        return z.NEVER;
      }
    }),
});

/**
 * Columnar so a long series stays compact; `values[output][i]` belongs to `time[i]` and is null
 * while the indicator is still warming up.
 */
export const IndicatorsResponseSchema = z.object({
  symbol: z.string(),
  interval: IntervalSchema,
  from: z.number().int(),
  to: z.number().int(),
  indicator: z.object({
    name: IndicatorNameSchema,
    label: z.string(),
    pane: z.enum(['price', 'separate']),
    outputs: z.array(z.string()),
    params: z.record(z.string(), z.unknown()),
    paramsHash: ParamsHashSchema,
  }),
  time: z.array(z.number().int()),
  values: z.record(z.string(), z.array(z.number().nullable())),
});
export type IndicatorsResponse = z.infer<typeof IndicatorsResponseSchema>;
