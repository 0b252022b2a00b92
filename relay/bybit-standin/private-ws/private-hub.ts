import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { trackConnection } from '../public-ws/ws-connections.ts';
import { wsWalletItem } from '../account/wallet-wire.ts';
import type { StandInCredentials } from '../auth/credentials.ts';
import { checkWsAuth } from '../auth/ws-signature.ts';
import type { Clock } from '../clock.ts';
import { wsExecutionItem, wsOrderItem } from '../private-rest/order-wire.ts';
import { parseWsRequest } from '../public-ws/control-messages.ts';
import type { SpotExchange } from '../trading/spot-exchange.ts';
import { PRIVATE_TOPICS, privatePong, privatePush, privateReply, type PrivateTopic } from './private-messages.ts';

interface Connection {
  socket: WebSocket;
  connId: string;
  authed: boolean;
  /** Topic name as subscribed ("order.spot") -> what it carries. */
  topics: Map<string, PrivateTopic>;
}

export interface PrivateHubDeps {
  exchange: SpotExchange;
  credentials: StandInCredentials;
  clock: Clock;
  /** Time `expires` is judged by: the client computes it from its own wall clock. */
  wallNow: () => number;
}

/**
 * wss://stream.bybit.com/v5/private: auth, then order/execution/wallet pushes sent as the
 * exchange changes, in the order REST state changed (an order's fills before its new state,
 * then the wallet), so a client that reads REST after a push sees at least that state.
 */
export class PrivateHub {
  private readonly server = new WebSocketServer({ noServer: true });
  private readonly connections = new Set<Connection>();
  private silent = false;
  /** Fault: pushes are counted but not sent, as on a link that loses frames. */
  private dropPushes = false;
  private pushCount = 0;
  private readonly unsubscribe: () => void;

  constructor(private readonly deps: PrivateHubDeps) {
    const { exchange } = deps;
    this.unsubscribe = exchange.subscribe({
      orders: (records) => this.push('order', records.map(wsOrderItem)),
      executions: (records) => this.push('execution', records.map(wsExecutionItem)),
      wallet: () => this.push('wallet', [wsWalletItem(exchange)]),
    });
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.server.handleUpgrade(req, socket, head, (ws) => this.accept(ws));
  }

  setSilent(silent: boolean): void {
    this.silent = silent;
    for (const { socket } of this.connections) {
      if (silent) socket.pause();
      else socket.resume();
    }
  }

  setDropPushes(drop: boolean): void {
    this.dropPushes = drop;
  }

  dropAll(): void {
    for (const connection of this.connections) connection.socket.terminate();
    this.connections.clear();
  }

  close(): Promise<void> {
    this.unsubscribe();
    this.dropAll();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** To every connection subscribed to `kind`: the exchange's changes, or made-up items (a fault). */
  push(kind: PrivateTopic, data: unknown[]): void {
    if (data.length === 0) return;
    const id = `${kind}-${++this.pushCount}`;
    const now = this.deps.clock.now();
    if (this.silent || this.dropPushes) return;
    for (const connection of this.connections) {
      for (const [topic, carries] of connection.topics) {
        if (carries === kind) connection.socket.send(JSON.stringify(privatePush(topic, id, now, data)));
      }
    }
  }

  private accept(socket: WebSocket): void {
    const connection: Connection = { socket, connId: randomUUID(), authed: false, topics: new Map() };
    trackConnection(this.connections, connection, this.silent, (data) => this.onMessage(connection, data));
  }

  private onMessage(connection: Connection, data: RawData): void {
    const request = parseWsRequest(data);
    const send = (message: unknown) => connection.socket.send(JSON.stringify(message));
    const reply = (op: string, success: boolean, retMsg: string) => send(privateReply(op, success, retMsg, connection.connId, request?.reqId));
    if (!request) return reply('', false, 'error:request must be JSON {"op":"auth|subscribe|unsubscribe|ping","args":[...]}');
    switch (request.op) {
      case 'ping':
        return send(privatePong(this.deps.clock.now(), connection.connId, request.reqId));
      case 'auth': {
        if (connection.authed) return reply('auth', false, 'error:already authed');
        const refused = checkWsAuth(request.args, this.deps.credentials, this.deps.wallNow());
        connection.authed = refused === null;
        return reply('auth', refused === null, refused ?? '');
      }
      case 'subscribe': {
        if (!connection.authed) return reply('subscribe', false, 'error:request not authorized, send op auth first');
        const unknown = request.topics.find((t) => !PRIVATE_TOPICS.has(t));
        if (unknown !== undefined || request.topics.length === 0) return reply('subscribe', false, `error:handler not found,topic:${unknown ?? ''}`);
        for (const topic of request.topics) connection.topics.set(topic, PRIVATE_TOPICS.get(topic)!);
        return reply('subscribe', true, '');
      }
      case 'unsubscribe':
        for (const topic of request.topics) connection.topics.delete(topic);
        return reply('unsubscribe', true, '');
      default:
        return reply(request.op, false, `error:unsupported op ${request.op}`);
    }
  }
}
