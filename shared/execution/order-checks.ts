import { fixed, mul, type Fixed } from '../matching/fixed-decimal.ts';
import { decimalsOf, decimalToUnits, formatSteps, parseStep, type ScaledStep } from '../strategy/decimal-step.ts';
import type { MarketSymbol } from '../market/schemas.ts';
import { checkOrder, compileRules, describeRejection, fillPriceTicks, formatPrice, formatQty } from '../strategy/order-rules.ts';
import type { PlaceOrderRequest, TimeInForce } from './schemas.ts';

/** The amounts an accepted request is sent with, exchange-ready on the instrument's grid. */
export interface CheckedOrder {
  qty: string | null;
  quoteAmount: string | null;
  price: string | null;
  triggerPrice: string | null;
  timeInForce: TimeInForce;
  /** Quote value at the limit, trigger or reference price: what the notional safeguards weigh. */
  notional: Fixed;
}

export type OrderCheck = { ok: true; order: CheckedOrder } | { ok: false; code: string; message: string };

/**
 * Whole steps in a decimal string, or null when it is not on the step's grid (a price off tick,
 * a quantity finer than basePrecision). Trailing zeros do not count as precision.
 */
function gridSteps(text: string, step: ScaledStep): number | null {
  const trimmed = text.includes('.') ? text.replace(/\.?0+$/, '') : text;
  if (decimalsOf(trimmed) > step.decimals) return null;
  const units = decimalToUnits(trimmed, step.decimals);
  if (units % step.units !== 0n) return null;
  const count = units / step.units;
  return count > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(count);
}

const refuse = (code: string, message: string): OrderCheck => ({ ok: false, code, message });

/**
 * Pure: checks a request against the exchange's rules exactly as Bybit would (tick, lot, min/max
 * quantity and notional) before anything is written or sent. `referencePrice` is the book price a
 * market order would meet (ask for a buy, bid for a sell), used to weigh its notional.
 */
export function checkOrderRequest(request: PlaceOrderRequest, instrument: MarketSymbol, referencePrice: number): OrderCheck {
  const c = compileRules(instrument);
  const { rules } = c;
  let ticks: number;
  let price: string | null = null;
  let triggerPrice: string | null = null;
  const given = request.price ?? request.triggerPrice;
  if (given !== undefined) {
    const field = request.price !== undefined ? 'price' : 'triggerPrice';
    const onTick = gridSteps(given, c.tick);
    if (onTick === null) return refuse('price_off_tick', `${field} ${given} is not a multiple of tickSize ${rules.tickSize} for ${rules.symbol}`);
    ticks = onTick;
    if (field === 'price') price = formatPrice(ticks, c);
    else triggerPrice = formatPrice(ticks, c);
  } else {
    ticks = fillPriceTicks(referencePrice, request.side, c);
    if (ticks <= 0) return refuse('no_price', `no market price is known for ${rules.symbol}; try again once it trades`);
  }

  if (request.quoteAmount !== undefined) {
    const quoteStep = parseStep(instrument.quotePrecision);
    const steps = gridSteps(request.quoteAmount, quoteStep);
    if (steps === null) return refuse('amount_off_precision', `quoteAmount ${request.quoteAmount} is finer than quotePrecision ${instrument.quotePrecision}`);
    const amount = fixed(formatSteps(steps, quoteStep));
    if (amount < fixed(rules.minOrderAmt)) return refuse('below_min_notional', `quoteAmount ${request.quoteAmount} is below minOrderAmt ${rules.minOrderAmt}`);
    if (amount > fixed(rules.maxOrderAmt)) return refuse('above_max_notional', `quoteAmount ${request.quoteAmount} is above maxOrderAmt ${rules.maxOrderAmt}`);
    return { ok: true, order: { qty: null, quoteAmount: formatSteps(steps, quoteStep), price: null, triggerPrice: null, timeInForce: 'IOC', notional: amount } };
  }

  const lots = gridSteps(request.qty ?? '0', c.lot);
  if (lots === null) return refuse('qty_off_lot', `qty ${request.qty ?? ''} is finer than basePrecision ${rules.basePrecision} for ${rules.symbol}`);
  const rejection = checkOrder(lots, ticks, c);
  if (rejection !== null) return refuse(rejection.replaceAll('-', '_'), describeRejection(rejection, lots, ticks, c));
  const qty = formatQty(lots, c);
  return {
    ok: true,
    order: {
      qty,
      quoteAmount: null,
      price,
      triggerPrice,
      timeInForce: request.type === 'market' ? 'IOC' : (request.timeInForce ?? 'GTC'),
      notional: mul(fixed(qty), fixed(formatPrice(ticks, c))),
    },
  };
}
