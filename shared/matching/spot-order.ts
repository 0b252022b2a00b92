import type { Fixed } from './fixed-decimal.ts';

/** Bybit v5 spot vocabulary, spelled as on the wire (docs/v5/enum). */
export type Side = 'Buy' | 'Sell';
export type OrderType = 'Limit' | 'Market';
export type TimeInForce = 'GTC' | 'IOC' | 'FOK' | 'PostOnly';
export type MarketUnit = 'baseCoin' | 'quoteCoin';
export type OrderStatus = 'New' | 'PartiallyFilled' | 'Filled' | 'Cancelled' | 'PartiallyFilledCanceled' | 'Rejected';
/** The rejectReason values the engine produces (Bybit's enum, see the order fixtures). */
export type RejectReason =
  | 'EC_NoError'
  | 'EC_PostOnlyWillTakeLiquidity'
  | 'EC_CancelForNoFullFill'
  | 'EC_NoImmediateQtyToFill'
  | 'EC_NoEnoughQtyToFill'
  | 'EC_PerCancelRequest';

export interface OrderRequest {
  orderId: string;
  orderLinkId: string;
  side: Side;
  orderType: OrderType;
  /** Base quantity, or the quote amount for a Market order with marketUnit quoteCoin. */
  qty: Fixed;
  /** Limit price; ignored for Market orders. */
  price: Fixed;
  timeInForce: TimeInForce;
  marketUnit: MarketUnit;
  time: number;
}

export interface SpotOrder extends OrderRequest {
  status: OrderStatus;
  rejectReason: RejectReason;
  /** "CancelByUser" after a cancel request, else "UNKNOWN" as Bybit reports. */
  cancelType: 'UNKNOWN' | 'CancelByUser';
  /** Left to fill, in the order's own unit (quote for a quoteCoin market buy). */
  leavesQty: Fixed;
  cumExecQty: Fixed;
  cumExecValue: Fixed;
  cumExecFee: Fixed;
  updatedTime: number;
  /** Price of the walk when the order arrived (Bybit's lastPriceOnCreated). */
  lastPriceOnCreated: Fixed;
}

export interface Fill {
  execId: string;
  orderId: string;
  side: Side;
  price: Fixed;
  qty: Fixed;
  /** price x qty, in quote. */
  value: Fixed;
  fee: Fixed;
  /** Bybit spot charges a buy in the base coin it receives and a sell in the quote coin it receives. */
  feeIn: 'base' | 'quote';
  feeRate: Fixed;
  isMaker: boolean;
  /** The order's leavesQty after this fill. */
  leavesQty: Fixed;
  time: number;
}

export function isOpen(order: SpotOrder): boolean {
  return order.status === 'New' || order.status === 'PartiallyFilled';
}
