import { decimalText, WORKING_STATUSES, type VenueName } from '../../shared/execution/index.ts';
import type { ReconciliationRun } from '../../shared/execution/index.ts';
import type { MarketSymbol } from '../../shared/market/index.ts';
import type { AuditRecorder } from '../audit/audit-log.ts';
import type { RelayConfig } from '../config.ts';
import { UnknownSymbolError, type MarketGateway } from '../market/gateway.ts';
import type { MarketService } from '../market/market-service.ts';
import { createRunStore } from '../runner/run-store.ts';
import type { SqliteDatabase } from '../storage/database.ts';
import { ExecutionService, type ExecutionServiceDeps, type StrategyHalt } from './execution-service.ts';
import { bookPrice, PAPER_BOOK_DEPTH, shareRecentBooks } from './book-reads.ts';
import { createDeadLetterStore } from './dead-letter-store.ts';
import { createOrderStore } from './order-store.ts';
import { PaperVenue, type BookSides } from './paper-venue.ts';
import { createReconciliationCheckpoints } from './reconciliation-checkpoints.ts';
import { Reconciliation } from './reconciliation.ts';
import type { Venue } from './venue.ts';

export interface ExecutionSetup {
  mode: VenueName;
  settings: RelayConfig['execution'];
  gateway: MarketGateway;
  market: MarketService;
  db: SqliteDatabase;
  audit: AuditRecorder;
  strategies?: StrategyHalt;
  countOrder?: ExecutionServiceDeps['countOrder'];
  /** The signed Bybit venue for live mode; null (live without keys) leaves the order routes answering 503. */
  liveVenue?: Venue | null;
  /** Between scheduled reconciliation runs, ms (default 30 s). */
  reconcileIntervalMs?: number;
  /** Told of every reconciliation run, for the metrics. */
  onReconciliation?: (run: ReconciliationRun) => void;
}

/** Calls `listener` each time the market stream is connected again after it was not. */
function onStreamReconnect(gateway: MarketGateway, listener: () => void): () => void {
  let connected = gateway.stream.status().state === 'connected';
  return gateway.stream.onStatus((status) => {
    const now = status.state === 'connected';
    if (now && !connected) listener();
    connected = now;
  });
}

/**
 * The relay's execution service for its trading mode, with the venue's state rebuilt from the
 * store and every order a crash left unsettled resolved by query before the first request.
 * Live mode uses the signed Bybit venue it is given; without one (no API keys) its order routes answer 503.
 * Reconciliation runs once everything is settled, then on its schedule and on every reconnect (of
 * the venue's breaker, and of the market stream a paper venue fills from).
 */
export async function openExecution({ mode, settings, gateway, market, db, audit, strategies, countOrder, liveVenue = null, reconcileIntervalMs, onReconciliation }: ExecutionSetup): Promise<ExecutionService> {
  const store = createOrderStore(db);
  const instrument = async (symbol: string): Promise<MarketSymbol> => {
    const found = (await market.listSymbols()).find((s) => s.symbol === symbol);
    if (found === undefined) throw new UnknownSymbolError(symbol);
    return found;
  };
  // Read from the exchange, not a cache of the dashboard's: an order meets the book as it is now.
  const book = shareRecentBooks((symbol: string): Promise<BookSides> => gateway.getOrderBook(symbol, PAPER_BOOK_DEPTH));
  let venue: Venue | null = liveVenue;
  if (mode === 'paper') {
    const paper = new PaperVenue({ instrument, book, feed: gateway.openFeed(), fees: settings.paper.fees, startBalances: settings.paper.startBalances });
    venue = paper;
    await paper.restore(store.venueFills('paper'), store.list({ venue: 'paper', statuses: WORKING_STATUSES }));
  }
  const reconciliation =
    venue === null
      ? undefined
      : new Reconciliation({ venue, store, audit, coins: instrument, checkpoints: createReconciliationCheckpoints(db), ...(reconcileIntervalMs ? { intervalMs: reconcileIntervalMs } : {}), ...(onReconciliation ? { onRun: onReconciliation } : {}) });
  const service = new ExecutionService({
    store,
    runs: createRunStore(db),
    deadLetters: createDeadLetterStore(db),
    ...(reconciliation ? { reconciliation } : {}),
    venue,
    mode,
    instrument,
    referencePrice: async (symbol, side) => bookPrice(await book(symbol), side),
    lastPrices: async (symbols) => new Map((await market.getTickers(symbols)).map((t) => [t.symbol, decimalText(t.lastPrice)])),
    safeguards: settings.safeguards,
    audit,
    ...(strategies ? { strategies } : {}),
    ...(countOrder ? { countOrder } : {}),
  });
  // Before settling: an order settled there is followed by the venue already, with its newer state.
  venue?.follow?.(store.list({ venue: mode, statuses: WORKING_STATUSES }));
  await service.resolveUnsettled();
  if (venue !== null) {
    const { onReconnect } = venue;
    reconciliation?.start([(listener) => onStreamReconnect(gateway, listener), ...(onReconnect ? [onReconnect.bind(venue)] : [])]);
  }
  return service;
}
