import { STATUS_CODES, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { ApiError, StreamTopic } from '../../shared/market/index.ts';
import type { UpgradeRefusal } from '../access/origin-guard.ts';
import { SYMBOL_PATTERN } from '../http/market-queries.ts';
import type { StreamHub } from './stream-hub.ts';

const STREAM_PATH = '/api/v1/stream';
const TICKS_PATH = /^\/api\/v1\/stream\/ticks\/([^/]+)$/;

/**
 * WebSocket endpoints on the relay's HTTP server:
 *   /api/v1/stream                 multiplexed, client sends subscribe/unsubscribe
 *   /api/v1/stream/ticks/{symbol}  pre-subscribed to that symbol's ticker (BRD §11)
 */
export function attachStreamServer(
  server: Server,
  hub: StreamHub,
  /** The access rule every upgrade passes first; null lets it through. */
  refuseUpgrade: (req: IncomingMessage) => UpgradeRefusal | null,
): () => Promise<void> {
  // Browser messages are small control frames; a cap stops a client from making us buffer megabytes.
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Node hands the socket over without its error listener: a reset peer must not become an uncaught 'error'.
    socket.on('error', () => socket.destroy());
    // Whatever a client sends, an exception here would reach the process, not a request handler.
    try {
      const refusal = refuseUpgrade(req);
      if (refusal) {
        rejectUpgrade(socket, refusal.status, refusal.code, refusal.message);
        return;
      }
      const target = upgradeTarget(req.url ?? '/');
      if ('status' in target) {
        rejectUpgrade(socket, target.status, target.code, target.message);
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => hub.attach(ws, target.topics));
    } catch (err) {
      rejectUpgrade(socket, 400, 'bad_request', `cannot upgrade this request: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  server.on('upgrade', onUpgrade);

  return () =>
    new Promise<void>((resolve) => {
      server.off('upgrade', onUpgrade);
      wss.close(() => resolve());
    });
}

type UpgradeTarget = { topics: StreamTopic[] } | { status: number; code: string; message: string };

function upgradeTarget(url: string): UpgradeTarget {
  const path = URL.canParse(url, 'http://relay') ? new URL(url, 'http://relay').pathname : '';
  if (path === STREAM_PATH) return { topics: [] };
  const ticks = TICKS_PATH.exec(path);
  if (!ticks) return { status: 404, code: 'not_found', message: 'no WebSocket endpoint here; use /api/v1/stream' };
  let symbol: string;
  try {
    symbol = decodeURIComponent(ticks[1]!);
  } catch {
    return { status: 400, code: 'invalid_path', message: 'the symbol in /api/v1/stream/ticks/{symbol} is not valid percent-encoding' };
  }
  if (!SYMBOL_PATTERN.test(symbol)) {
    return { status: 400, code: 'invalid_symbol', message: 'symbol must be an upper-case spot symbol such as BTCUSDT' };
  }
  return { topics: [{ kind: 'ticker', symbol }] };
}

/** An HTTP answer on the raw socket, with the ApiError body the REST routes use. */
function rejectUpgrade(socket: Duplex, status: number, code: string, message: string): void {
  const body: ApiError = { error: { code, message } };
  const json = JSON.stringify(body);
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(json)}\r\nConnection: close\r\n\r\n${json}`,
  );
}
