/**
 * Public spot control replies, snake_case, key order as captured from Bybit
 * (fixtures/bybit-v5/ws/subscribe.ack.public-spot.json, pong.public-spot.json). `req_id` is echoed
 * only when the request carried one. Failures name the topic the way Bybit does:
 * `error:handler not found,topic:<topic>` and `error:already subscribed,topic:<topic>`.
 */
export function controlReply(op: string, success: boolean, retMsg: string, connId: string, reqId: string | undefined) {
  return {
    success,
    ret_msg: retMsg,
    conn_id: connId,
    ...(reqId === undefined ? {} : { req_id: reqId }),
    op,
  };
}

export const handlerNotFound = (topic: string) => `error:handler not found,topic:${topic}`;
export const alreadySubscribed = (topic: string) => `error:already subscribed,topic:${topic}`;
