import { createServer, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import express from 'express';
import { wallClockFrom } from './clock.ts';
import { registerMarketRoutes } from './market/market-routes.ts';
import { SimMarket } from './market/sim-market.ts';
import { PublicSpotHub } from './public-ws/public-spot-hub.ts';

export interface BybitStandInOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1: the stand-in is never exposed beyond loopback by default. */
  host?: string;
  /** PRNG seed of the live walk and the synthetic bars (default 1). */
  seed?: number;
  /** Simulated time between trades/pushes, ms (default 1000; benchmarks use 100). */
  tickMs?: number;
  /** Simulated "now" at start (default: the wall clock), at or after HISTORY_END. Candles never depend on it, only on the seed. */
  startTime?: number;
  /** Extra purely synthetic symbols SIM01USDT… for benchmarks (default 0). */
  syntheticSymbols?: number;
  /** Subset of BTCUSDT, SOLUSDT, XRPETH, ETHBTC to load (default all); fewer start faster. */
  realSymbols?: string[];
  /** Told of every REST request as it arrives, e.g. so a test can see the headers a client sent. */
  onRestRequest?: (request: { method: string; path: string; headers: IncomingHttpHeaders }) => void;
}

export interface BybitStandIn {
  /** http://127.0.0.1:PORT, the RestClientV5 `baseUrl`. */
  restUrl: string;
  /** ws://127.0.0.1:PORT/v5/public/spot, the WebsocketClient `wsUrl`. */
  wsPublicSpotUrl: string;
  symbols: string[];
  /** Terminates every WS client abruptly (no close frame), as a network drop would. */
  dropConnections(): void;
  /** Offline: open WS clients are cut, new upgrades and REST requests have their socket destroyed. */
  setOffline(offline: boolean): void;
  /**
   * Silent: TCP still connects but nothing answers: REST requests and WS handshakes hang, open
   * WS connections get no pongs or pushes. Ending it drops what was left hanging.
   */
  setSilent(silent: boolean): void;
  /** Jumps simulated time forward (e.g. across minute closes while offline); the walk catches up. */
  advanceTime(ms: number): void;
  close(): Promise<void>;
}

const PUBLIC_SPOT_PATH = '/v5/public/spot';

/**
 * A local Bybit v5 spot exchange speaking the real wire format on one port: REST market data
 * under /v5/market/* and the public spot WebSocket, with fault controls for tests (drop, offline,
 * silent, a clock that jumps). Private endpoints and a matching engine can be added as further
 * route families and upgrade paths beside these.
 */
export async function startBybitStandIn(options: BybitStandInOptions = {}): Promise<BybitStandIn> {
  const { port = 0, host = '127.0.0.1', seed = 1, tickMs = 1000, startTime = Date.now(), syntheticSymbols = 0, realSymbols } = options;
  const clock = wallClockFrom(startTime);
  const market = new SimMarket({ startTime, seed, tickMs, syntheticSymbols, ...(realSymbols ? { realSymbols } : {}) });
  const publicSpot = new PublicSpotHub(market, clock);
  let offline = false;
  let silent = false;
  /** Sockets of requests and handshakes left unanswered while silent. */
  const hanging = new Set<Duplex>();
  const hang = (socket: Duplex) => {
    hanging.add(socket);
    socket.once('close', () => hanging.delete(socket));
  };

  const app = express();
  app.disable('x-powered-by');
  app.use((req, _res, next) => {
    options.onRestRequest?.({ method: req.method, path: req.path, headers: req.headers });
    // Unreachable rather than erroring: the client sees a reset connection, not an HTTP answer.
    if (offline) req.socket.destroy();
    else if (silent) hang(req.socket);
    else next();
  });
  registerMarketRoutes(app, { market, clock });

  const upgradePaths = new Map<string, (req: IncomingMessage, socket: Duplex, head: Buffer) => void>([
    [PUBLIC_SPOT_PATH, (req, socket, head) => publicSpot.handleUpgrade(req, socket, head)],
  ]);
  const server = createServer(app);
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const handler = upgradePaths.get(new URL(req.url ?? '/', 'http://sim').pathname);
    if (offline || !handler) socket.destroy();
    else if (silent) hang(socket);
    else handler(req, socket, head);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const timer = setInterval(() => publicSpot.broadcast(), tickMs);
  const { port: boundPort } = server.address() as AddressInfo;
  const authority = `${host.includes(':') ? `[${host}]` : host}:${boundPort}`;

  return {
    restUrl: `http://${authority}`,
    wsPublicSpotUrl: `ws://${authority}${PUBLIC_SPOT_PATH}`,
    symbols: market.symbols(),
    dropConnections: () => publicSpot.dropAll(),
    setOffline: (value) => {
      offline = value;
      if (value) {
        publicSpot.dropAll();
        server.closeIdleConnections();
      }
    },
    setSilent: (value) => {
      silent = value;
      publicSpot.setSilent(value);
      if (!value) for (const socket of hanging) socket.destroy();
    },
    advanceTime: (ms) => clock.advance(ms),
    close: async () => {
      for (const socket of hanging) socket.destroy();
      clearInterval(timer);
      await publicSpot.close();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
}
