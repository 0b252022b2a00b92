/**
 * Private-channel control replies, key order as captured (fixtures/bybit-v5/ws/captured/
 * auth.success.private.moxt.json, subscribe.ack.private.moxt.json, pong.private.moxt.json):
 * `req_id` first when the request had one, `ret_msg` "" on success, and a pong that, unlike the
 * public one, says `op: "pong"` with the server time in `args`.
 */
export function privateReply(op: string, success: boolean, retMsg: string, connId: string, reqId: string | undefined) {
  return { ...(reqId === undefined ? {} : { req_id: reqId }), success, ret_msg: retMsg, op, conn_id: connId };
}

export function privatePong(now: number, connId: string, reqId: string | undefined) {
  return { ...(reqId === undefined ? {} : { req_id: reqId }), op: 'pong', args: [String(now)], conn_id: connId };
}

export type PrivateTopic = 'order' | 'execution' | 'wallet';

/** `order` and `order.spot` (likewise execution) carry the same spot items; wallet has one form. */
export const PRIVATE_TOPICS: ReadonlyMap<string, PrivateTopic> = new Map([
  ['order', 'order'],
  ['order.spot', 'order'],
  ['execution', 'execution'],
  ['execution.spot', 'execution'],
  ['wallet', 'wallet'],
]);

/**
 * A push: `id`, `topic`, `creationTime` (number) and a `data` array. Key order of the captured
 * spot pushes (ws/captured/order.spot.linlichieh.json: topic first) and of the docs' wallet
 * example (ws/wallet.unified.json: id first).
 */
export function privatePush(topic: string, id: string, creationTime: number, data: unknown[]) {
  return topic === 'wallet' ? { id, topic, creationTime, data } : { topic, id, creationTime, data };
}
