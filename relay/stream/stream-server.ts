import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { StreamHub } from './stream-hub.ts';

const STREAM_PATH = '/api/v1/stream';
const TICKS_PATH = /^\/api\/v1\/stream\/ticks\/([^/]+)$/;

/**
 * WebSocket endpoints on the relay's HTTP server:
 *   /api/v1/stream                 multiplexed, client sends subscribe/unsubscribe
 *   /api/v1/stream/ticks/{symbol}  pre-subscribed to that symbol's ticker (BRD §11)
 */
export function attachStreamServer(server: Server, hub: StreamHub): () => Promise<void> {
  // Browser messages are small control frames; a cap stops a client from making us buffer megabytes.
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(req.url ?? '/', 'http://relay').pathname;
    const ticks = TICKS_PATH.exec(path);
    if (path !== STREAM_PATH && !ticks) {
      socket.end('HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\nno WebSocket endpoint here; use /api/v1/stream\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const symbol = ticks?.[1] ? decodeURIComponent(ticks[1]) : null;
      hub.attach(ws, symbol ? [{ kind: 'ticker', symbol }] : []);
    });
  };
  server.on('upgrade', onUpgrade);

  return () =>
    new Promise<void>((resolve) => {
      server.off('upgrade', onUpgrade);
      wss.close(() => resolve());
    });
}
