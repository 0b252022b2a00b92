/**
 * Bybit's retCodes and messages for what the stand-in refuses, from the v5 error table
 * (bybit-exchange/docs docs/v5/error.mdx, "UMA & UTA" and "Spot Trade") and the captured bodies in
 * fixtures/bybit-v5/rest/errors (10001, 10002, 10004 wording).
 */
export const RET = {
  params: 10001,
  recvWindow: 10002,
  invalidKey: 10003,
  sign: 10004,
  tooManyVisits: 10006,
  routeNotFound: 10017,
  invalidTimeInForce: 170115,
  invalidSymbol: 170121,
  amountTooLarge: 170124,
  balanceInsufficient: 170131,
  priceDecimalTooLong: 170134,
  qtyTooLarge: 170135,
  qtyTooSmall: 170136,
  qtyDecimalTooLong: 170137,
  amountTooSmall: 170140,
  duplicateLinkId: 170141,
  marketAmountDecimalTooLong: 170148,
  orderNotExist: 170213,
  amendQtyBelowFilled: 170313,
} as const;

export const RET_MSG: Record<number, string> = {
  [RET.invalidKey]: 'API key is invalid.',
  [RET.tooManyVisits]: 'Too many visits!',
  [RET.routeNotFound]: 'Route not found',
  [RET.invalidTimeInForce]: 'Invalid timeInForce.',
  [RET.invalidSymbol]: 'Invalid symbol.',
  [RET.amountTooLarge]: 'Order amount too large.',
  [RET.balanceInsufficient]: 'Balance insufficient',
  [RET.priceDecimalTooLong]: 'Order price decimal too long.',
  [RET.qtyTooLarge]: 'Order quantity too large.',
  [RET.qtyTooSmall]: 'Order quantity lower than the minimum.',
  [RET.qtyDecimalTooLong]: 'Order volume decimal too long',
  [RET.amountTooSmall]: 'Transaction amount lower than the minimum.',
  [RET.duplicateLinkId]: 'Duplicate clientOrderId',
  [RET.marketAmountDecimalTooLong]: 'Market order amount decimal too long',
  [RET.orderNotExist]: 'Order does not exist.',
  [RET.amendQtyBelowFilled]: 'The modified contract quantity cannot be less than to the filled quantity',
};

/** A refusal as Bybit words it; routes turn it into the error envelope. */
export interface Refusal {
  retCode: number;
  retMsg: string;
}

export function refusal(retCode: number, retMsg = RET_MSG[retCode] ?? 'error'): Refusal {
  return { retCode, retMsg };
}

export function isRefusal(value: unknown): value is Refusal {
  return typeof value === 'object' && value !== null && 'retCode' in value && 'retMsg' in value;
}
