import { div, fixed, fixedText, floorToStep, mul, type Fixed } from '../../../shared/matching/fixed-decimal.ts';
import { isOpen, type SpotOrder } from '../../../shared/matching/spot-order.ts';
import type { InstrumentSpec } from '../history/instrument-spec.ts';
import type { ExecutionRecord, OrderRecord } from '../trading/spot-exchange.ts';
import { paddedTo } from './amount-text.ts';

function amounts(spec: InstrumentSpec, order: SpotOrder) {
  const base = (v: Fixed) => paddedTo(spec.basePrecision, v);
  const quote = (v: Fixed) => paddedTo(spec.quotePrecision, v);
  const byQuote = order.orderType === 'Market' && order.marketUnit === 'quoteCoin';
  // A quote-amount market buy reports its unspent amount (captured: leavesValue "0.01369000").
  const leavesValue = byQuote ? order.qty - order.cumExecValue : isOpen(order) ? mul(order.leavesQty, order.price) : 0n;
  const filled = order.cumExecQty > 0n;
  return {
    price: order.orderType === 'Market' ? '0' : paddedTo(spec.tickSize, order.price),
    qty: base(order.qty),
    avgPrice: filled ? fixedText(floorToStep(div(order.cumExecValue, order.cumExecQty), fixed(spec.quotePrecision))) : null,
    /** The fill progress fields, in the order both the REST item and the push carry them. */
    progress: {
      leavesQty: base(byQuote ? 0n : order.leavesQty),
      leavesValue: quote(leavesValue),
      cumExecQty: base(order.cumExecQty),
      cumExecValue: quote(order.cumExecValue),
      cumExecFee: fixedText(order.cumExecFee),
    },
    /** Spot orders here have no trigger, TP or SL: zero on the tick grid ("0.00"). */
    noTriggers: { triggerPrice: paddedTo(spec.tickSize, 0n), takeProfit: paddedTo(spec.tickSize, 0n), stopLoss: paddedTo(spec.tickSize, 0n) },
    lastPriceOnCreated: paddedTo(spec.tickSize, order.lastPriceOnCreated),
  };
}

export function feeCoin(spec: InstrumentSpec, side: SpotOrder['side']): string {
  return side === 'Buy' ? spec.baseCoin : spec.quoteCoin;
}

/**
 * One spot order in order/realtime and order/history. Keys in the order of the docs' history
 * example (fixtures/bybit-v5/rest/order/history.linear.json, the newest field set; no spot example
 * is published), plus `marketUnit` which spot orders carry (rest/ccxt/fetchOrder.spot.json).
 * Spot values follow the captured spot pushes: isLeverage "0", positionIdx 0, empty trigger fields.
 */
export function restOrderItem({ symbol, spec, order }: OrderRecord) {
  const a = amounts(spec, order);
  return {
    orderId: order.orderId,
    orderLinkId: order.orderLinkId,
    blockTradeId: '',
    symbol,
    price: a.price,
    qty: a.qty,
    side: order.side,
    isLeverage: '0',
    positionIdx: 0,
    orderStatus: order.status,
    cancelType: order.cancelType,
    rejectReason: order.rejectReason,
    avgPrice: a.avgPrice ?? '0',
    ...a.progress,
    timeInForce: order.timeInForce,
    orderType: order.orderType,
    stopOrderType: '',
    orderIv: '',
    ...a.noTriggers,
    tpTriggerBy: '',
    slTriggerBy: '',
    triggerDirection: 0,
    triggerBy: '',
    lastPriceOnCreated: a.lastPriceOnCreated,
    reduceOnly: false,
    closeOnTrigger: false,
    smpType: 'None',
    smpGroup: 0,
    smpOrderId: '',
    tpslMode: '',
    tpLimitPrice: '0',
    slLimitPrice: '0',
    placeType: '',
    slippageToleranceType: 'UNKNOWN',
    slippageTolerance: '',
    createdTime: String(order.time),
    updatedTime: String(order.updatedTime),
    extraFees: '',
    cumFeeDetail: order.cumExecFee > 0n ? { [feeCoin(spec, order.side)]: a.progress.cumExecFee } : {},
    rpiTakerAccess: false,
    rpiMatchedQty: '0',
    marketUnit: order.orderType === 'Market' ? order.marketUnit : '',
  };
}

/** `order.spot` push item: keys and values as captured (fixtures/bybit-v5/ws/captured/order.spot.linlichieh.json). */
export function wsOrderItem({ symbol, spec, order }: OrderRecord) {
  const a = amounts(spec, order);
  return {
    category: 'spot',
    symbol,
    orderId: order.orderId,
    orderLinkId: order.orderLinkId,
    blockTradeId: '',
    side: order.side,
    positionIdx: 0,
    orderStatus: order.status,
    cancelType: order.cancelType,
    rejectReason: order.rejectReason,
    timeInForce: order.timeInForce,
    isLeverage: '0',
    price: a.price,
    qty: a.qty,
    avgPrice: a.avgPrice ?? '',
    ...a.progress,
    orderType: order.orderType,
    stopOrderType: '',
    orderIv: '',
    ...a.noTriggers,
    triggerBy: '',
    tpTriggerBy: '',
    slTriggerBy: '',
    triggerDirection: 0,
    placeType: '',
    lastPriceOnCreated: a.lastPriceOnCreated,
    closeOnTrigger: false,
    reduceOnly: false,
    smpGroup: 0,
    smpType: 'None',
    smpOrderId: '',
    createdTime: String(order.time),
    updatedTime: String(order.updatedTime),
    feeCurrency: feeCoin(spec, order.side),
  };
}

function executionAmounts({ spec, fill, order }: ExecutionRecord) {
  return {
    execFee: fixedText(fill.fee),
    execPrice: paddedTo(spec.tickSize, fill.price),
    execQty: paddedTo(spec.basePrecision, fill.qty),
    execValue: paddedTo(spec.quotePrecision, fill.value),
    feeRate: fixedText(fill.feeRate),
    leavesQty: paddedTo(spec.basePrecision, order.orderType === 'Market' && order.marketUnit === 'quoteCoin' ? 0n : fill.leavesQty),
    // A quote-amount market buy has no base qty or price of its own (captured: "0.000000", "0").
    orderPrice: order.orderType === 'Market' ? '0' : paddedTo(spec.tickSize, order.price),
    orderQty: paddedTo(spec.basePrecision, order.orderType === 'Market' && order.marketUnit === 'quoteCoin' ? 0n : order.qty),
  };
}

/**
 * One fill in execution/list. Keys in the order of the docs' example
 * (fixtures/bybit-v5/rest/execution/list.linear.json), plus `marketUnit` as spot fills carry it
 * (rest/ccxt/fetchMyTrades.spot.json); `feeCurrency` names the coin the fee was taken in.
 */
export function restExecutionItem(record: ExecutionRecord) {
  const { symbol, spec, fill, order, seq } = record;
  const a = executionAmounts(record);
  return {
    symbol,
    orderType: order.orderType,
    underlyingPrice: '',
    orderLinkId: order.orderLinkId,
    side: fill.side,
    indexPrice: '',
    orderId: fill.orderId,
    stopOrderType: '',
    leavesQty: a.leavesQty,
    execTime: String(fill.time),
    feeCurrency: feeCoin(spec, fill.side),
    isMaker: fill.isMaker,
    execFee: a.execFee,
    feeRate: a.feeRate,
    execId: fill.execId,
    tradeIv: '',
    blockTradeId: '',
    markPrice: '',
    execPrice: a.execPrice,
    markIv: '',
    orderQty: a.orderQty,
    orderPrice: a.orderPrice,
    execValue: a.execValue,
    execType: 'Trade',
    execQty: a.execQty,
    closedSize: '',
    extraFees: '',
    seq,
    marketUnit: order.orderType === 'Market' ? order.marketUnit : '',
  };
}

/** `execution.spot` push item, keys and values as captured (fixtures/bybit-v5/ws/captured/execution.spot.linlichieh.json). */
export function wsExecutionItem(record: ExecutionRecord) {
  const { symbol, fill, order, seq } = record;
  const a = executionAmounts(record);
  return {
    category: 'spot',
    symbol,
    closedSize: '',
    execFee: a.execFee,
    execId: fill.execId,
    execPrice: a.execPrice,
    execQty: a.execQty,
    execType: 'Trade',
    execValue: a.execValue,
    feeRate: a.feeRate,
    tradeIv: '',
    markIv: '',
    blockTradeId: '',
    markPrice: '',
    indexPrice: '',
    underlyingPrice: '',
    leavesQty: a.leavesQty,
    orderId: fill.orderId,
    orderLinkId: order.orderLinkId,
    orderPrice: a.orderPrice,
    orderQty: a.orderQty,
    orderType: order.orderType,
    stopOrderType: '',
    side: fill.side,
    execTime: String(fill.time),
    isLeverage: '0',
    isMaker: fill.isMaker,
    seq,
  };
}
