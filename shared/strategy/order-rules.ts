import type { z } from 'zod';
import { MarketSymbolSchema } from '../market/schemas.ts';
import type { Side } from './intents.ts';
import { ceilToStep, compareDecimal, floorToStep, formatUnits, parseStep, type ScaledStep } from './decimal-step.ts';

/**
 * Exchange order rules shared by the backtest and the live execution path, so both round and
 * reject identically. Quantities are floored to basePrecision (never spend more than asked),
 * limit prices are rounded away from crossing (buy floors, sell ceils to tickSize), and
 * minOrderQty / minOrderAmt / max limits are checked on the rounded decimal strings exactly.
 * Orders are expressed in base quantity (live: Bybit `marketUnit: "baseCoin"` for market buys).
 */
export const InstrumentRulesSchema = MarketSymbolSchema.pick({
  symbol: true,
  tickSize: true,
  basePrecision: true,
  minOrderQty: true,
  maxOrderQty: true,
  minOrderAmt: true,
  maxOrderAmt: true,
});
export type InstrumentRules = z.infer<typeof InstrumentRulesSchema>;

export interface CompiledRules {
  readonly rules: InstrumentRules;
  readonly tick: ScaledStep;
  readonly lot: ScaledStep;
  /** basePrecision as a number; quantities are always whole multiples of it. */
  readonly lotSize: number;
}

export function compileRules(rules: InstrumentRules): CompiledRules {
  const parsed = InstrumentRulesSchema.parse(rules);
  return { rules: parsed, tick: parseStep(parsed.tickSize), lot: parseStep(parsed.basePrecision), lotSize: Number(parsed.basePrecision) };
}

export const REJECT_REASONS = ['zero-qty', 'below-min-qty', 'above-max-qty', 'below-min-notional', 'above-max-notional'] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

export type OrderCheck =
  | { ok: true; qty: string; price: string }
  | { ok: false; reason: RejectReason; message: string };

/** Limit price on the tick grid, rounded so the order never becomes more aggressive than asked. */
export function roundLimitPrice(price: number, side: Side, compiled: CompiledRules): string {
  return side === 'buy' ? floorToStep(price, compiled.tick) : ceilToStep(price, compiled.tick);
}

/** Reference price on the tick grid (nearest tick) for notional checks of market orders. */
export function roundReferencePrice(price: number, compiled: CompiledRules): string {
  const down = floorToStep(price, compiled.tick);
  const up = ceilToStep(price, compiled.tick);
  return price - Number(down) <= Number(up) - price ? down : up;
}

/** Base quantity that spends at most `quote` including the fee, floored to basePrecision. */
export function qtyForQuote(quote: number, price: number, feeRate: number, compiled: CompiledRules): string {
  if (quote <= 0 || price <= 0) return floorToStep(0, compiled.lot);
  return floorToStep(quote / (price * (1 + feeRate)), compiled.lot);
}

/** Base quantity floored to basePrecision. */
export function qtyForBase(base: number, compiled: CompiledRules): string {
  return floorToStep(Math.max(0, base), compiled.lot);
}

/** Exact product of two decimal strings. */
export function multiplyDecimal(a: string, b: string): string {
  const da = (a.split('.')[1] ?? '').length;
  const db = (b.split('.')[1] ?? '').length;
  return formatUnits(BigInt(a.replace('.', '')) * BigInt(b.replace('.', '')), da + db);
}

/** Checks an already rounded quantity at a rounded price against the instrument's limits. */
export function checkOrder(qty: string, price: string, compiled: CompiledRules): OrderCheck {
  const { rules } = compiled;
  if (compareDecimal(qty, '0') <= 0) return reject('zero-qty', `quantity rounds to 0 at basePrecision ${rules.basePrecision}`);
  if (compareDecimal(qty, rules.minOrderQty) < 0)
    return reject('below-min-qty', `quantity ${qty} is below minOrderQty ${rules.minOrderQty}`);
  if (compareDecimal(qty, rules.maxOrderQty) > 0)
    return reject('above-max-qty', `quantity ${qty} is above maxOrderQty ${rules.maxOrderQty}`);
  const notional = multiplyDecimal(qty, price);
  if (compareDecimal(notional, rules.minOrderAmt) < 0)
    return reject('below-min-notional', `order value ${notional} is below minOrderAmt ${rules.minOrderAmt}`);
  if (compareDecimal(notional, rules.maxOrderAmt) > 0)
    return reject('above-max-notional', `order value ${notional} is above maxOrderAmt ${rules.maxOrderAmt}`);
  return { ok: true, qty, price };
}

function reject(reason: RejectReason, message: string): OrderCheck {
  return { ok: false, reason, message };
}
