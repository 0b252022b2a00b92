import type { RawData } from 'ws';

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

export interface WsRequest {
  op: string;
  /** As sent: private `auth` carries a number (expires) among its args. */
  args: unknown[];
  /** The string args, which is what subscribe/unsubscribe take. */
  topics: string[];
  reqId: string | undefined;
}

/** A client's JSON control message, or null when it is not `{"op": string, ...}`. */
export function parseWsRequest(data: RawData): WsRequest | null {
  let message: unknown;
  try {
    message = JSON.parse(data.toString());
  } catch {
    return null;
  }
  if (typeof message !== 'object' || message === null) return null;
  const { op, args, req_id: reqId } = message as Record<string, unknown>;
  if (typeof op !== 'string') return null;
  const list = Array.isArray(args) ? (args as unknown[]) : [];
  return { op, args: list, topics: list.filter((a): a is string => typeof a === 'string'), reqId: typeof reqId === 'string' ? reqId : undefined };
}
