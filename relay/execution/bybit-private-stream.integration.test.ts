import { Writable } from 'node:stream';
import { RestClientV5 } from 'bybit-api';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Balance } from '../../shared/execution/index.ts';
import { fixed, fixedText } from '../../shared/matching/fixed-decimal.ts';
import { startBybitStandIn, type BybitStandIn } from '../bybit-standin/index.ts';
import { createLogger } from '../observability/logger.ts';
import { BybitLiveVenue } from './bybit-live-venue.ts';
import { createBybitPrivateStream, type BybitPrivateStream } from './bybit-private-stream.ts';
import type { VenueUpdate } from './venue.ts';

const SYMBOL = 'BTCUSDT';
const logger = pino({ level: 'silent' });

/** Resolves once `condition` holds, checking on every turn of the timers; the test's timeout bounds it. */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
}

/** Lines a logger wrote, as JSON text. */
function logLines(): { lines: string[]; sink: Writable } {
  const lines: string[] = [];
  return { lines, sink: new Writable({ write: (chunk: Buffer, _encoding, done) => (lines.push(String(chunk)), done()) }) };
}

/**
 * The live venue with Bybit's private stream, the real bybit-api WebsocketClient against the
 * stand-in's /v5/private: a resting order filled on the exchange is reported from its push; a push
 * the exchange dropped is caught by the fallback poll; a reconnect of the stream is told to
 * whoever reconciles. Balances come from the wallet pushes while the stream is up, from REST
 * otherwise.
 */
describe('the live venue over the private stream of the Bybit stand-in', () => {
  let sim: BybitStandIn;
  let client: RestClientV5;
  let venue: BybitLiveVenue | null = null;
  const updates: VenueUpdate[] = [];
  /** GET /v5/account/wallet-balance requests the stand-in received during the test. */
  let walletReads = 0;

  beforeAll(async () => {
    sim = await startBybitStandIn({ realSymbols: [SYMBOL], onRestRequest: ({ path }) => void (path === '/v5/account/wallet-balance' && walletReads++) });
    client = new RestClientV5({ baseUrl: sim.restUrl, key: sim.credentials.apiKey, secret: sim.credentials.apiSecret });
  });
  afterAll(() => sim?.close());
  afterEach(() => {
    venue?.close();
    venue = null;
    updates.length = 0;
    walletReads = 0;
    sim.faults.clear();
  });

  /** A venue whose poll runs every `pollMs` (five times less often while the stream is up), once its stream is subscribed. */
  const openVenue = async (pollMs: number, streamLogger = logger): Promise<{ venue: BybitLiveVenue; stream: BybitPrivateStream }> => {
    const stream = createBybitPrivateStream({ wsUrl: sim.wsPrivateUrl, key: sim.credentials.apiKey, secret: sim.credentials.apiSecret, logger: streamLogger });
    venue = new BybitLiveVenue({ client, pollMs, privateStream: stream });
    venue.onUpdate((update) => updates.push(update));
    await until(() => stream.isUp());
    return { venue, stream };
  };
  const bestAsk = () => sim.exchange.book(SYMBOL, 1)!.asks[0]!.price;
  /** Rests a buy far below the book, then fills it on the exchange behind the venue's back (amended through the asks). */
  const restAndFillOnExchange = async (live: BybitLiveVenue, orderLinkId: string) => {
    const price = fixedText((bestAsk() / 2n / fixed('0.1')) * fixed('0.1'));
    const placed = await live.submit({ orderLinkId, symbol: SYMBOL, side: 'buy', type: 'limit', qty: '0.001', quoteAmount: null, price, timeInForce: 'GTC' });
    expect(placed.order.status).toBe('new');
    sim.exchange.amend({ symbol: SYMBOL, orderLinkId }, { price: fixedText(bestAsk() + fixed('50')) });
  };
  const filled = (orderLinkId: string) => updates.find((u) => u.order.orderLinkId === orderLinkId && u.order.status === 'filled');
  /** The account's wallet as the stand-in holds it, in the relay's terms. */
  const onExchange = (): Balance[] =>
    sim.exchange.wallet.coins().map((coin) => ({
      asset: coin,
      free: fixedText(sim.exchange.available(coin)),
      locked: fixedText(sim.exchange.locked(coin)),
      total: fixedText(sim.exchange.wallet.balance(coin)),
    }));
  /** Asks the venue for balances until they are the exchange's, returning every answer's source. */
  const balancesUntilExchange = async (live: BybitLiveVenue): Promise<string[]> => {
    const sources: string[] = [];
    for (;;) {
      const { balances, source } = await live.balances();
      sources.push(source);
      if (JSON.stringify(balances) === JSON.stringify(onExchange())) return sources;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };

  it('reports a resting order filled on the exchange from its push, with no poll to find it', async () => {
    // A poll every ten minutes: only the push can tell of the fill within the test.
    const { venue: live } = await openVenue(600_000);
    await restAndFillOnExchange(live, 'ws-push');
    await until(() => filled('ws-push') !== undefined);
    const execIds = sim.exchange.executions().filter((e) => e.order.orderLinkId === 'ws-push').map((e) => e.fill.execId);
    expect(filled('ws-push')?.fills.map((f) => f.execId).sort()).toEqual(execIds.sort());
    expect(updates.filter((u) => u.order.orderLinkId === 'ws-push')).toHaveLength(1);
  });

  it('settles a fill whose push the exchange dropped by the fallback poll', async () => {
    const { venue: live } = await openVenue(50);
    sim.faults.setPrivatePushesDropped(true);
    await restAndFillOnExchange(live, 'ws-dropped');
    await until(() => filled('ws-dropped') !== undefined);
    expect(filled('ws-dropped')?.fills.length).toBeGreaterThan(0);
  });

  it('tells of a reconnect of the private stream, after which pushes arrive again', async () => {
    const { venue: live, stream } = await openVenue(600_000);
    let reconnects = 0;
    live.onReconnect(() => reconnects++);
    sim.faults.dropPrivateConnections();
    await until(() => reconnects === 1 && stream.isUp());
    await restAndFillOnExchange(live, 'ws-after-reconnect');
    await until(() => filled('ws-after-reconnect') !== undefined);
  }, 30_000);

  it('answers balances after a fill from the wallet pushes, without reading the wallet over REST', async () => {
    const { venue: live } = await openVenue(600_000);
    const btcBefore = sim.exchange.wallet.balance('BTC');
    await restAndFillOnExchange(live, 'ws-wallet');
    // The placement's wallet push came before the fill's order push on the one connection: the venue has a wallet by now.
    await until(() => filled('ws-wallet') !== undefined);
    const sources = await balancesUntilExchange(live);
    expect(new Set(sources)).toEqual(new Set(['stream']));
    // What the fill bought, less its fee in BTC, and nothing locked any more.
    const bought = filled('ws-wallet')!.fills.reduce((sum, f) => sum + fixed(f.qty) - fixed(f.fee), 0n);
    expect((await live.balances()).balances.find((b) => b.asset === 'BTC')).toMatchObject({ total: fixedText(btcBefore + bought), locked: '0' });
    expect(walletReads).toBe(0);
  });

  it('reads balances over REST while the private stream is down, and keeps nothing it read then', async () => {
    const { venue: live, stream } = await openVenue(600_000);
    stream.close();
    sim.exchange.deposit('USDT', '12.5');
    expect(await live.balances()).toEqual({ balances: onExchange(), source: 'rest' });
    expect(await live.balances()).toMatchObject({ source: 'rest' });
    expect(walletReads).toBe(2);
  });

  it('after a reconnect, reads balances over REST once, then answers from the copy that read made', async () => {
    const { venue: live, stream } = await openVenue(600_000);
    sim.exchange.deposit('USDT', '1');
    await balancesUntilExchange(live);
    let reconnects = 0;
    live.onReconnect(() => reconnects++);
    sim.faults.dropPrivateConnections();
    await until(() => reconnects === 1 && stream.isUp());
    const reads = walletReads;
    // Pushes made while the stream was down never arrive: the copy from before is not trusted.
    expect(await live.balances()).toEqual({ balances: onExchange(), source: 'rest' });
    expect(await live.balances()).toEqual({ balances: onExchange(), source: 'stream' });
    expect(walletReads).toBe(reads + 1);
  }, 30_000);

  it('drops a malformed wallet push with a warning, keeping the balances it had and the ones pushed after', async () => {
    const { lines, sink } = logLines();
    const { venue: live, stream } = await openVenue(600_000, createLogger('warn', sink));
    sim.exchange.deposit('USDT', '2');
    await balancesUntilExchange(live);
    const before = await live.balances();
    sim.faults.pushPrivate('wallet', [{ accountType: 'UNIFIED', coin: [{ coin: 'BTC', walletBalance: 'lots', locked: '0' }] }]);
    await until(() => lines.some((line) => line.includes('dropped a malformed Bybit push')));
    const dropped = lines.map((line) => JSON.parse(line) as { msg: string }).filter((line) => line.msg === 'dropped a malformed Bybit push');
    expect(dropped).toMatchObject([{ level: 40, topic: 'wallet', reason: expect.stringContaining('walletBalance') }]);
    expect(await live.balances()).toEqual(before);
    expect(stream.isUp()).toBe(true);
    sim.exchange.deposit('USDT', '3');
    expect(new Set(await balancesUntilExchange(live))).toEqual(new Set(['stream']));
  });
});

describe('the private stream in the logs', () => {
  it('never writes the API key, the secret or a signature, even at trace level and across a reconnect', async () => {
    const credentials = { apiKey: 'private-stream-log-key', apiSecret: 'private-stream-log-secret-0123456789' };
    const sim = await startBybitStandIn({ realSymbols: [SYMBOL], ...credentials });
    const { lines, sink } = logLines();
    const stream = createBybitPrivateStream({ wsUrl: sim.wsPrivateUrl, key: credentials.apiKey, secret: credentials.apiSecret, logger: createLogger('trace', sink) });
    let reconnected = false;
    stream.onReconnect(() => (reconnected = true));
    try {
      await until(() => stream.isUp());
      sim.faults.dropPrivateConnections();
      await until(() => reconnected && stream.isUp());
      expect(lines.length).toBeGreaterThan(0);
      expect(lines.filter((line) => line.includes(credentials.apiKey) || line.includes(credentials.apiSecret) || line.includes('"op\\":\\"auth'))).toEqual([]);
    } finally {
      stream.close();
      await sim.close();
    }
  }, 30_000);
});
