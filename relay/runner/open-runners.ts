import type { Logger } from 'pino';
import { BacktestConfigSchema } from '../../shared/backtest/schemas.ts';
import type { RelayConfig } from '../config.ts';
import type { ExecutionService } from '../execution/execution-service.ts';
import { createOrderStore } from '../execution/order-store.ts';
import type { MarketGateway } from '../market/gateway.ts';
import type { MarketService } from '../market/market-service.ts';
import type { SqliteDatabase } from '../storage/database.ts';
import type { ActiveVersionsSource } from './active-versions-source.ts';
import { createRunStore } from './run-store.ts';
import { StrategyRunners } from './strategy-runners.ts';

export interface RunnersSetup {
  versions: ActiveVersionsSource;
  gateway: Pick<MarketGateway, 'openFeed'>;
  market: MarketService;
  execution: ExecutionService;
  db: SqliteDatabase;
  settings: RelayConfig['execution'];
  logger: Logger;
}

/**
 * The relay's live strategy runner, started on the active versions: its own upstream feed, the
 * order store the execution service writes (fills are read back from it), and each run's capital
 * the backtest's default balance, so a run and its parity backtest start from the same account.
 */
export async function openStrategyRunners({ versions, gateway, market, execution, db, settings, logger }: RunnersSetup): Promise<StrategyRunners> {
  const capital = BacktestConfigSchema.shape.initialQuote.parse(undefined);
  const runners = new StrategyRunners({
    versions,
    feed: gateway.openFeed(),
    market,
    execution,
    orders: createOrderStore(db),
    store: createRunStore(db),
    capital,
    fees: { maker: Number(settings.paper.fees.maker), taker: Number(settings.paper.fees.taker) },
    logger: logger.child({ component: 'runner' }),
  });
  await runners.start();
  return runners;
}
