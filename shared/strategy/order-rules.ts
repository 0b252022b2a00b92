import type { z } from 'zod';
import { MarketSymbolSchema } from '../market/schemas.ts';
import type { Side } from './intents.ts';
import { ceilSteps, decimalToUnits, decimalsOf, floorSteps, formatSteps, multiplyStep, parseStep, stepProduct, stepsToNumber, type ScaledStep } from './decimal-step.ts';

/**
 * Exchange order rules shared by the backtest and the live execution path, so both round and
 * reject identically. An order is an integer number of lots (basePrecision) at an integer number
 * of ticks (tickSize): quantities are floored (never spend more than asked), limit prices are
 * rounded away from crossing (buy floors, sell ceils), and minOrderQty / minOrderAmt / max limits
 * are compared on those integers against bounds converted exactly from the decimal strings.
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
  /** Quote value of one lot at one tick (lot x tick), the grid order values live on. */
  readonly lotTick: ScaledStep;
  /** Float step sizes, for simulated balances only (never for rounding or for orders). */
  readonly tickSize: number;
  readonly lotSize: number;
  readonly minLots: number;
  readonly maxLots: number;
  /** Notional bounds in lot x tick units: lots * ticks must lie within them. */
  readonly minLotTicks: number;
  readonly maxLotTicks: number;
}

export function compileRules(input: InstrumentRules): CompiledRules {
  const rules = InstrumentRulesSchema.parse(input);
  const tick = parseStep(rules.tickSize);
  const lot = parseStep(rules.basePrecision);
  const qtyScale = Math.max(lot.decimals, decimalsOf(rules.minOrderQty), decimalsOf(rules.maxOrderQty));
  const lotAtQtyScale = lot.units * 10n ** BigInt(qtyScale - lot.decimals);
  const amtScale = Math.max(lot.decimals + tick.decimals, decimalsOf(rules.minOrderAmt), decimalsOf(rules.maxOrderAmt));
  const lotTickAtAmtScale = lot.units * tick.units * 10n ** BigInt(amtScale - lot.decimals - tick.decimals);
  return {
    rules,
    tick,
    lot,
    lotTick: stepProduct(lot, tick),
    tickSize: Number(rules.tickSize),
    lotSize: Number(rules.basePrecision),
    minLots: Number(ceilDiv(decimalToUnits(rules.minOrderQty, qtyScale), lotAtQtyScale)),
    maxLots: Number(decimalToUnits(rules.maxOrderQty, qtyScale) / lotAtQtyScale),
    minLotTicks: Number(ceilDiv(decimalToUnits(rules.minOrderAmt, amtScale), lotTickAtAmtScale)),
    maxLotTicks: Number(decimalToUnits(rules.maxOrderAmt, amtScale) / lotTickAtAmtScale),
  };
}

function ceilDiv(a: bigint, b: bigint): bigint {
  return (a + b - 1n) / b;
}

export const REJECT_REASONS = ['zero-qty', 'below-min-qty', 'above-max-qty', 'below-min-notional', 'above-max-notional'] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

/** Limit price in ticks, rounded so the order never becomes more aggressive than asked. */
export function limitPriceTicks(price: number, side: Side, c: CompiledRules): number {
  return side === 'buy' ? floorSteps(price, c.tick) : ceilSteps(price, c.tick);
}

/** A fill price on the tick grid, rounded against the trader: buys up, sells down. */
export function fillPriceTicks(price: number, side: Side, c: CompiledRules): number {
  return side === 'buy' ? ceilSteps(price, c.tick) : floorSteps(price, c.tick);
}

/**
 * Lots that spend at most `quote` at `ticks`, exactly: lots x basePrecision x ticks x tickSize <= quote
 * in decimal. No fee headroom: Bybit spot takes a buy's fee from the base received, not from the
 * quote paid (see shared/kernel/trade-book.ts).
 */
export function lotsForQuote(quote: number, ticks: number, c: CompiledRules): number {
  if (!(quote > 0) || !(ticks > 0)) return 0;
  return floorSteps(quote, multiplyStep(c.lotTick, ticks));
}

/** The first rule an order of `lots` at `ticks` breaks, or null when the exchange would take it. */
export function checkOrder(lots: number, ticks: number, c: CompiledRules): RejectReason | null {
  if (lots <= 0) return 'zero-qty';
  if (lots < c.minLots) return 'below-min-qty';
  if (lots > c.maxLots) return 'above-max-qty';
  const lotTicks = lots * ticks;
  if (lotTicks < c.minLotTicks) return 'below-min-notional';
  if (lotTicks > c.maxLotTicks) return 'above-max-notional';
  return null;
}

/** A human-readable reason naming the exchange limit, for reports and UI errors. */
export function describeRejection(reason: RejectReason, lots: number, ticks: number, c: CompiledRules): string {
  const qty = formatQty(lots, c);
  const { rules } = c;
  switch (reason) {
    case 'zero-qty':
      return `quantity rounds to 0 at basePrecision ${rules.basePrecision}`;
    case 'below-min-qty':
      return `quantity ${qty} is below minOrderQty ${rules.minOrderQty}`;
    case 'above-max-qty':
      return `quantity ${qty} is above maxOrderQty ${rules.maxOrderQty}`;
    case 'below-min-notional':
      return `order value ${qty} x ${formatPrice(ticks, c)} is below minOrderAmt ${rules.minOrderAmt}`;
    case 'above-max-notional':
      return `order value ${qty} x ${formatPrice(ticks, c)} is above maxOrderAmt ${rules.maxOrderAmt}`;
  }
}

/** Exchange-ready quantity string, e.g. "0.001536". */
export function formatQty(lots: number, c: CompiledRules): string {
  return formatSteps(lots, c.lot);
}

/** Exchange-ready price string on the tick grid, e.g. "65000.1". */
export function formatPrice(ticks: number, c: CompiledRules): string {
  return formatSteps(ticks, c.tick);
}

/** A price on the tick grid as the double nearest its exact decimal, for reports (no 65297.630000000005). */
export function priceOf(ticks: number, c: CompiledRules): number {
  return stepsToNumber(ticks, c.tick);
}

/** Quote value of `lots` at `ticks`: the double nearest the exact decimal while lots x ticks x units stays below 2^53. */
export function quoteValue(lots: number, ticks: number, c: CompiledRules): number {
  return (lots * ticks * c.lotTick.unitsValue) / c.lotTick.scale;
}

/** What the account can fund: free quote for buys, whole lots held for sells (dust below a lot cannot be sold). */
export interface FundsView {
  freeQuote: number;
  baseLots: number;
}

export type SizedOrder = { ok: true; lots: number; ticks: number } | { ok: false; reason: RejectReason; message: string };

/**
 * Turns an intent's fraction into an exchange-valid order at `ticks`: a buy spends `fraction` of
 * the free quote (its fee comes out of the base received); a sell sells `fraction` of the whole
 * lots held (1 = all of them).
 * The backtest and the live runner both size through here, so they reject the same orders.
 * Format the result with `formatQty` / `formatPrice` where the order leaves for the exchange.
 */
export function sizeOrder(side: Side, fraction: number, ticks: number, funds: FundsView, c: CompiledRules): SizedOrder {
  const lots =
    side === 'buy'
      ? lotsForQuote(funds.freeQuote * fraction, ticks, c)
      : fraction >= 1
        ? funds.baseLots
        : Math.floor(funds.baseLots * fraction);
  const reason = checkOrder(lots, ticks, c);
  return reason === null ? { ok: true, lots, ticks } : { ok: false, reason, message: `${side}: ${describeRejection(reason, lots, ticks, c)}` };
}
