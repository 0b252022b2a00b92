/**
 * Live strategy runner: candle close -> intent at the execution service. Real BTC/USDT 1m candles
 * (fixtures/candles) are pushed one by one as closed kline events into the relay's runner (its own
 * upstream feed, the LiveRun, the kernel StrategyRunner, the SQLite transaction that marks the
 * candle and records the intents, the execution venue), which places them on the real execution
 * service with the paper venue. The figure is the time from the closed-candle event to the
 * runner's call of `place()`, over every candle that decided an order. The exchange behind it is
 * the in-memory gateway (book top at 100), so no network time is in the figure: it is the relay's
 * own share. Goal: p99 <= 5 ms.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { BTC_1M_FIXTURE, loadFixtureCandles } from '../shared/indicators/fixture-candles.ts';
import { createAuditLog } from '../relay/audit/audit-log.ts';
import { parseConfig } from '../relay/config.ts';
import { openExecution } from '../relay/execution/open-execution.ts';
import { createOrderStore } from '../relay/execution/order-store.ts';
import { BTCUSDT_SPOT } from '../relay/exchange/test-instrument.ts';
import { InMemoryMarketGateway } from '../relay/market/in-memory-market-gateway.ts';
import { MarketService } from '../relay/market/market-service.ts';
import { createRunStore } from '../relay/runner/run-store.ts';
import { StrategyRunners } from '../relay/runner/strategy-runners.ts';
import { oneActiveVersion } from '../relay/runner/test-active-versions.ts';
import { openDatabase } from '../relay/storage/database.ts';
import { reportFigure } from './_figures.ts';
import { percentile } from './_processes.ts';

const CANDLES = 8_000;
const WARM_UP = 100;
const P99_GOAL_MS = 5;

// Moved to start at the current minute: the paper venue stamps fills with the wall clock, and a
// fill is the run's from the candle it happened in, so candle and fill times must share a clock.
const recorded = loadFixtureCandles(BTC_1M_FIXTURE).slice(0, CANDLES);
const shift = Math.floor(Date.now() / 60_000) * 60_000 - recorded[0]!.openTime;
const candles = recorded.map((c) => ({ ...c, openTime: c.openTime + shift }));
const gateway = new InMemoryMarketGateway([BTCUSDT_SPOT], (_symbol, _interval, from, to) =>
  candles.filter((c) => c.openTime >= from && c.openTime <= to).map((c) => ({ ...c, turnover: c.volume * c.close })),
);
const dataDir = mkdtempSync(join(tmpdir(), 'bench-runner-'));
const db = openDatabase(dataDir);
const market = new MarketService(gateway);
// Limits far above what the run places, so every decision becomes an order.
const { execution: settings } = parseConfig({ PAPER_START_BALANCES: 'USDT:1000000000', DAILY_LOSS_LIMIT: '1000000000', MAX_ORDER_NOTIONAL: '1000000000' });
const execution = await openExecution({ mode: 'paper', settings, gateway, market, db, audit: createAuditLog(db) });

const closedAt = new Map<number, number>();
const placedAt = new Map<number, number>();
const logger = pino({ level: 'silent' });
const runners = new StrategyRunners({
  versions: oneActiveVersion(),
  feed: gateway.openFeed(),
  market,
  execution: {
    place: (body, actor) => {
      const at = performance.now();
      // The key starts with the open time of the candle that decided it.
      const openTime = Number((body as { idempotencyKey: string }).idempotencyKey.split('-')[0]);
      if (!placedAt.has(openTime)) placedAt.set(openTime, at);
      return execution.place(body, actor);
    },
    cancel: (id, actor) => execution.cancel(id, actor),
    holdsStops: execution.holdsStops,
  },
  orders: createOrderStore(db),
  store: createRunStore(db),
  capital: 10_000,
  fees: { maker: 0.001, taker: 0.001 },
  logger,
  // The run starts as if the first candle after its warm-up were forming now.
  now: () => candles[WARM_UP]!.openTime,
});

try {
  console.log(`load average ${loadavg().map((l) => l.toFixed(2)).join(' / ')} at start`);
  await runners.start();
  const wallStart = performance.now();
  const cpuStart = process.cpuUsage();
  for (let i = WARM_UP; i < candles.length; i++) {
    const candle = candles[i]!;
    closedAt.set(candle.openTime, performance.now());
    gateway.stream.emit({ type: 'kline', symbol: 'BTCUSDT', interval: '1m', candle: { ...candle, turnover: 0 }, closed: true });
    await runners.settled();
  }
  const { user, system } = process.cpuUsage(cpuStart);
  // On a shared machine the scheduler's time slices (several ms) are the tail: say how much of the wall time this process had a CPU.
  console.log(`the process ran on a CPU ${(((user + system) / 1000 / (performance.now() - wallStart)) * 100).toFixed(0)} % of the wall time`);
  const latencies = [...placedAt].map(([openTime, at]) => at - closedAt.get(openTime)!).sort((a, b) => a - b);
  const status = runners.status('ema-rsi');
  if (latencies.length < 100) throw new Error(`only ${latencies.length} candles decided an order; the figure needs more`);
  console.log(
    `${candles.length - WARM_UP} closed candles, ${latencies.length} decided orders (${status.ordersPlaced} placed, ${status.trades} trades): ` +
      `candle close -> place() p50 ${percentile(latencies, 50).toFixed(3)} ms, p99 ${percentile(latencies, 99).toFixed(3)} ms, max ${latencies.at(-1)!.toFixed(2)} ms`,
  );
  reportFigure({ name: 'live runner candle close -> intent at the execution service p99', value: percentile(latencies, 99), unit: 'ms', goal: P99_GOAL_MS, bound: 'max' });
} finally {
  runners.close();
  execution.close();
  market.close();
  db.close();
  rmSync(dataDir, { recursive: true, force: true });
}
