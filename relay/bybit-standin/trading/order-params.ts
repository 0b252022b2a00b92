import { z } from 'zod';
import { fixed, isOnStep, mul, type Fixed } from '../../../shared/matching/fixed-decimal.ts';
import type { OrderRequest, TimeInForce } from '../../../shared/matching/spot-order.ts';
import type { InstrumentSpec } from '../history/instrument-spec.ts';
import { RET, refusal, type Refusal } from './spot-ret-codes.ts';

/**
 * Request bodies of the private spot endpoints (Bybit v5 docs: order/create-order, amend-order,
 * cancel-order, cancel-all). Bybit ignores fields it does not use, so unknown keys pass; a bad
 * field is refused the way the captured 10001 bodies word it: "params error: side invalid".
 */
const Decimal = z.string().regex(/^\d+(\.\d+)?$/);
const Category = z.literal('spot');

export const CreateOrderBodySchema = z.object({
  category: Category,
  symbol: z.string().min(1),
  side: z.enum(['Buy', 'Sell']),
  orderType: z.enum(['Limit', 'Market']),
  qty: Decimal,
  price: Decimal.optional(),
  timeInForce: z.string().optional(),
  marketUnit: z.enum(['baseCoin', 'quoteCoin']).optional(),
  orderLinkId: z.string().max(36).optional(),
});

const OrderRef = {
  category: Category,
  symbol: z.string().min(1),
  orderId: z.string().min(1).optional(),
  orderLinkId: z.string().min(1).optional(),
};

export const AmendOrderBodySchema = z.object({ ...OrderRef, qty: Decimal.optional(), price: Decimal.optional() });
export const CancelOrderBodySchema = z.object(OrderRef);
export const CancelAllBodySchema = z.object({ category: Category, symbol: z.string().min(1).optional() });

/** Query of order/realtime, order/history and execution/list. */
export const OrderQuerySchema = z.object({
  category: Category,
  symbol: z.string().min(1).optional(),
  orderId: z.string().min(1).optional(),
  orderLinkId: z.string().min(1).optional(),
  openOnly: z.enum(['0', '1', '2']).optional(),
  orderStatus: z.string().min(1).optional(),
  limit: z.string().regex(/^\d+$/).optional(),
  cursor: z.string().min(1).optional(),
});
export type OrderQuery = z.infer<typeof OrderQuerySchema>;

/** Bybit names the first offending field; the body must be a JSON object at all. */
export function parseParams<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> | Refusal {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const field = result.error.issues[0]?.path[0];
  return refusal(RET.params, field === undefined ? 'params error: request body must be a JSON object' : `params error: ${String(field)} invalid`);
}

/** A create request checked against the instrument, in engine units; the exchange adds ids and time. */
export type CheckedOrder = Omit<OrderRequest, 'orderId' | 'orderLinkId' | 'time'>;

const TIME_IN_FORCE = new Set<string>(['GTC', 'IOC', 'FOK', 'PostOnly']);

export function checkCreate(body: z.infer<typeof CreateOrderBodySchema>, spec: InstrumentSpec): CheckedOrder | Refusal {
  const { side, orderType } = body;
  if (body.timeInForce !== undefined && !TIME_IN_FORCE.has(body.timeInForce)) return refusal(RET.invalidTimeInForce);
  const qty = fixed(body.qty);
  if (qty === 0n) return refusal(RET.params, 'params error: qty invalid');
  if (orderType === 'Market') {
    // Spot market orders are IOC whatever was asked (every captured spot market order says IOC).
    const marketUnit = body.marketUnit ?? (side === 'Buy' ? 'quoteCoin' : 'baseCoin');
    if (side === 'Sell' && marketUnit === 'quoteCoin') return refusal(RET.params, 'params error: marketUnit invalid');
    const checked = { side, orderType, qty, price: 0n, timeInForce: 'IOC', marketUnit } as const;
    if (marketUnit === 'baseCoin') return checkBaseQty(qty, spec) ?? checked;
    if (!isOnStep(qty, fixed(spec.quotePrecision))) return refusal(RET.marketAmountDecimalTooLong);
    return checkAmount(qty, spec) ?? checked;
  }
  if (body.price === undefined) return refusal(RET.params, 'params error: price invalid');
  const price = fixed(body.price);
  const priceRefusal = checkPrice(price, spec);
  if (priceRefusal) return priceRefusal;
  const timeInForce = (body.timeInForce ?? 'GTC') as TimeInForce;
  return checkBaseQty(qty, spec) ?? checkAmount(mul(qty, price), spec) ?? { side, orderType, qty, price, timeInForce, marketUnit: 'baseCoin' };
}

export function checkPrice(price: Fixed, spec: InstrumentSpec): Refusal | null {
  if (price === 0n) return refusal(RET.params, 'params error: price invalid');
  return isOnStep(price, fixed(spec.tickSize)) ? null : refusal(RET.priceDecimalTooLong);
}

export function checkBaseQty(qty: Fixed, spec: InstrumentSpec): Refusal | null {
  if (!isOnStep(qty, fixed(spec.basePrecision))) return refusal(RET.qtyDecimalTooLong);
  if (qty < fixed(spec.minOrderQty)) return refusal(RET.qtyTooSmall);
  if (qty > fixed(spec.maxOrderQty)) return refusal(RET.qtyTooLarge);
  return null;
}

export function checkAmount(amount: Fixed, spec: InstrumentSpec): Refusal | null {
  if (amount < fixed(spec.minOrderAmt)) return refusal(RET.amountTooSmall);
  if (amount > fixed(spec.maxOrderAmt)) return refusal(RET.amountTooLarge);
  return null;
}
