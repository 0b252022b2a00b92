import { Router } from 'express';
import type {
  CandlesResponse,
  StatusResponse,
  SymbolsResponse,
  TickersResponse,
} from '../../shared/market/index.ts';
import type { AuditChainState } from '../../shared/audit/index.ts';
import type { CircuitStatus } from '../../shared/net/circuit-status.ts';
import type { LiveArmState } from '../../shared/execution/live-arm.ts';
import type { RelayConfig } from '../config.ts';
import type { MarketGateway } from '../market/gateway.ts';
import type { MarketService } from '../market/market-service.ts';
import { mountRoute } from './api-route.ts';
import { MARKET_API } from './market-api.ts';
import { parseCandleWindow, parseTickersQuery } from './market-queries.ts';
import { sendSerialized, serializeOnce } from './serialize-once.ts';

export interface MarketRoutesDeps {
  config: Pick<RelayConfig, 'tradingMode' | 'bybitEnv'>;
  market: MarketService;
  gateway: MarketGateway;
  /** The audit chain's state, reported so a broken chain is visible in every client. */
  auditState: () => AuditChainState;
  /** The breaker around the signed Bybit calls, undefined when the relay makes none. */
  bybitCircuit?: () => CircuitStatus | undefined;
  /** The operator's arming of live orders, undefined in paper. */
  liveArm?: () => LiveArmState | undefined;
  now?: () => number;
}

/** Read-only market data and upstream status, mounted under /api/v1. */
export function createMarketRouter({ config, market, gateway, auditState, bybitCircuit, liveArm, now = Date.now }: MarketRoutesDeps): Router {
  const router = Router();

  mountRoute(router, MARKET_API.status, (_req, res) => {
    const body: StatusResponse = {
      mode: config.tradingMode,
      bybitEnv: config.bybitEnv,
      rest: market.restStatus(),
      stream: gateway.stream.status(),
      audit: auditState(),
    };
    const circuit = bybitCircuit?.();
    if (circuit !== undefined) body.bybitCircuit = circuit;
    const publicCircuit = gateway.restCircuit?.();
    if (publicCircuit !== undefined) body.bybitPublicCircuit = publicCircuit;
    const arm = liveArm?.();
    if (arm !== undefined) body.liveArm = arm;
    res.set('cache-control', 'no-store').json(body);
  });

  mountRoute(router, MARKET_API.symbols, async (_req, res) => {
    const body: SymbolsResponse = { symbols: await market.listSymbols() };
    res.json(body);
  });

  mountRoute(router, MARKET_API.tickers, async (req, res) => {
    const symbols = parseTickersQuery(req.query);
    if (symbols.length > 0) await market.assertKnownSymbols(symbols);
    const tickers = await market.getTickers(symbols);
    sendSerialized(req, res, serializeOnce(tickers, (): TickersResponse => ({ tickers })));
  });

  mountRoute(router, MARKET_API.candles, async (req, res) => {
    const query = parseCandleWindow(req.query, now());
    await market.assertKnownSymbols([query.symbol]);
    const candles = query.from <= query.to ? await market.getCandles(query.symbol, query.interval, query.from, query.to) : [];
    // One cached candle array answers exactly one (symbol, interval, from, to), so its body can be reused.
    sendSerialized(req, res, serializeOnce(candles, (): CandlesResponse => ({ ...query, candles })));
  });

  return router;
}
