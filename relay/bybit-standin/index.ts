import { createServer, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import express from 'express';
import { wallClockFrom } from './clock.ts';
import { DEFAULT_CREDENTIALS, type StandInCredentials } from './auth/credentials.ts';
import { RestFaultPlan, type RandomRestFaults, type RestFault } from './faults/rest-fault-plan.ts';
import { registerMarketRoutes } from './market/market-routes.ts';
import { errorBody } from './market/rest-envelope.ts';
import { SimMarket } from './market/sim-market.ts';
import { registerPrivateRoutes, SPOT_RATE_LIMITS } from './private-rest/private-routes.ts';
import { PrivateHub } from './private-ws/private-hub.ts';
import type { PrivateTopic } from './private-ws/private-messages.ts';
import { PublicSpotHub } from './public-ws/public-spot-hub.ts';
import { EndpointRateLimiter } from './rate-limit/endpoint-rate-limiter.ts';
import { SpotExchange } from './trading/spot-exchange.ts';
import { RET, RET_MSG } from './trading/spot-ret-codes.ts';

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
  /** The key pair signed requests must use (default DEFAULT_CREDENTIALS). */
  apiKey?: string;
  apiSecret?: string;
  /** Starting spot wallet, coin -> decimal amount (default 100000 USDT, 1 BTC, 10 ETH). */
  balances?: Record<string, string>;
  /** Bybit's non-VIP spot rates by default: 0.1 % maker and taker. */
  makerFeeRate?: string;
  takerFeeRate?: string;
  /** Per-endpoint limits per second (default: Bybit's UTA Pro spot table). */
  rateLimits?: Record<string, number>;
}

export const DEFAULT_BALANCES: Readonly<Record<string, string>> = { USDT: '100000', BTC: '1', ETH: '10' };

export interface BybitStandIn {
  /** http://127.0.0.1:PORT, the RestClientV5 `baseUrl`. */
  restUrl: string;
  /** ws://127.0.0.1:PORT/v5/public/spot, the WebsocketClient `wsUrl`. */
  wsPublicSpotUrl: string;
  /** ws://127.0.0.1:PORT/v5/private, the `wsUrl` of a WebsocketClient for private topics. */
  wsPrivateUrl: string;
  symbols: string[];
  /** The key pair the stand-in accepts. */
  credentials: StandInCredentials;
  /** The simulated account: orders, fills, wallet (tests inspect it; clients use the private API). */
  exchange: SpotExchange;
  /** Terminates every WS client abruptly (no close frame), as a network drop would. */
  dropConnections(): void;
  /** Offline: open WS clients are cut, new upgrades and REST requests have their socket destroyed. */
  setOffline(offline: boolean): void;
  /**
   * Silent: TCP still connects but nothing answers: REST requests and WS handshakes hang, open
   * WS connections get no pongs or pushes. Ending it drops what was left hanging.
   */
  setSilent(silent: boolean): void;
  /** Fault injection on the private side, for tests and the demo. */
  faults: {
    /** The next matching private REST request(s) fail this way (see RestFault). */
    injectRest(fault: RestFault): void;
    /** A seeded share of private REST requests fail (null stops it). */
    setRandomRest(options: RandomRestFaults | null): void;
    /** Private pushes are not sent while on (REST state still changes): a client must poll to notice. */
    setPrivatePushesDropped(dropped: boolean): void;
    /** Cuts every private WS client without a close frame. */
    dropPrivateConnections(): void;
    /** Sends a push of these items as they are, e.g. malformed ones, to every private client subscribed to the topic. */
    pushPrivate(topic: PrivateTopic, data: unknown[]): void;
    /** Ends every queued and random REST fault and the push drop. */
    clear(): void;
  };
  /** Jumps simulated time forward (e.g. across minute closes while offline); the walk catches up. */
  advanceTime(ms: number): void;
  close(): Promise<void>;
}

const PUBLIC_SPOT_PATH = '/v5/public/spot';
const PRIVATE_PATH = '/v5/private';

/**
 * A local Bybit v5 spot exchange speaking the real wire format on one port: REST market data
 * under /v5/market/*, the public spot WebSocket, and one simulated UTA behind Bybit's signed
 * private REST (orders matched by shared/matching against quotes around the walk), with fault
 * controls for tests (drop, offline, silent, a clock that jumps).
 */
export async function startBybitStandIn(options: BybitStandInOptions = {}): Promise<BybitStandIn> {
  const { port = 0, host = '127.0.0.1', seed = 1, tickMs = 1000, startTime = Date.now(), syntheticSymbols = 0, realSymbols } = options;
  const clock = wallClockFrom(startTime);
  const market = new SimMarket({ startTime, seed, tickMs, syntheticSymbols, ...(realSymbols ? { realSymbols } : {}) });
  const credentials: StandInCredentials = { apiKey: options.apiKey ?? DEFAULT_CREDENTIALS.apiKey, apiSecret: options.apiSecret ?? DEFAULT_CREDENTIALS.apiSecret };
  const exchange = new SpotExchange({
    market,
    clock,
    balances: { ...(options.balances ?? DEFAULT_BALANCES) },
    makerFeeRate: options.makerFeeRate ?? '0.001',
    takerFeeRate: options.takerFeeRate ?? '0.001',
  });
  const publicSpot = new PublicSpotHub(market, clock, exchange);
  const limiter = new EndpointRateLimiter({ ...SPOT_RATE_LIMITS, ...options.rateLimits });
  const faults = new RestFaultPlan();
  const privateHub = new PrivateHub({ exchange, credentials, clock, wallNow: Date.now });
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
  registerMarketRoutes(app, { market, clock, exchange });
  registerPrivateRoutes(app, { exchange, credentials, limiter, clock, faults, wallNow: Date.now });
  // Bybit answers an unknown path in its envelope, never with an HTML page.
  app.use((_req, res) => void res.status(404).json(errorBody(RET.routeNotFound, RET_MSG[RET.routeNotFound]!, clock.now())));

  const upgradePaths = new Map<string, (req: IncomingMessage, socket: Duplex, head: Buffer) => void>([
    [PUBLIC_SPOT_PATH, (req, socket, head) => publicSpot.handleUpgrade(req, socket, head)],
    [PRIVATE_PATH, (req, socket, head) => privateHub.handleUpgrade(req, socket, head)],
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
  // Each tick plays the walk: resting orders fill as it trades through them, then pushes go out.
  const timer = setInterval(() => {
    exchange.sync();
    publicSpot.broadcast();
  }, tickMs);
  const { port: boundPort } = server.address() as AddressInfo;
  const authority = `${host.includes(':') ? `[${host}]` : host}:${boundPort}`;

  return {
    restUrl: `http://${authority}`,
    wsPublicSpotUrl: `ws://${authority}${PUBLIC_SPOT_PATH}`,
    wsPrivateUrl: `ws://${authority}${PRIVATE_PATH}`,
    symbols: market.symbols(),
    credentials,
    exchange,
    dropConnections: () => {
      publicSpot.dropAll();
      privateHub.dropAll();
    },
    setOffline: (value) => {
      offline = value;
      if (value) {
        publicSpot.dropAll();
        privateHub.dropAll();
        server.closeIdleConnections();
      }
    },
    setSilent: (value) => {
      silent = value;
      publicSpot.setSilent(value);
      privateHub.setSilent(value);
      if (!value) for (const socket of hanging) socket.destroy();
    },
    faults: {
      injectRest: (fault) => faults.inject(fault),
      setRandomRest: (random) => faults.setRandom(random),
      setPrivatePushesDropped: (dropped) => privateHub.setDropPushes(dropped),
      dropPrivateConnections: () => privateHub.dropAll(),
      pushPrivate: (topic, data) => privateHub.push(topic, data),
      clear: () => {
        faults.clear();
        privateHub.setDropPushes(false);
      },
    },
    advanceTime: (ms) => clock.advance(ms),
    close: async () => {
      for (const socket of hanging) socket.destroy();
      clearInterval(timer);
      await publicSpot.close();
      await privateHub.close();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
}
