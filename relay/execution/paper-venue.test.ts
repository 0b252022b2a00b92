import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BTCUSDT_SPOT } from '../exchange/test-instrument.ts';
import { InMemoryMarketGateway } from '../market/in-memory-market-gateway.ts';
import { PaperVenue, type BookSides } from './paper-venue.ts';
import type { VenueOrderRequest } from './venue.ts';

const order = (over: Partial<VenueOrderRequest>): VenueOrderRequest => ({
  orderLinkId: `k-${Math.random()}`,
  symbol: 'BTCUSDT',
  side: 'buy',
  type: 'market',
  qty: null,
  quoteAmount: null,
  price: null,
  timeInForce: 'GTC',
  ...over,
});

/** A book of three thin levels a side around 100. */
const LADDER: BookSides = {
  bids: [
    { price: '99.9', size: '1' },
    { price: '99.8', size: '2' },
    { price: '99.5', size: '3' },
  ],
  asks: [
    { price: '100.1', size: '1' },
    { price: '100.2', size: '2' },
    { price: '100.5', size: '3' },
  ],
};

describe('paper venue against the live book and trades', () => {
  let gateway: InMemoryMarketGateway;
  let venue: PaperVenue;
  let book: BookSides;
  const clock = { now: 1_000_000 };

  beforeEach(() => {
    book = LADDER;
    gateway = new InMemoryMarketGateway([BTCUSDT_SPOT]);
    venue = new PaperVenue({
      instrument: async () => BTCUSDT_SPOT,
      book: async () => book,
      feed: gateway.openFeed(),
      fees: { maker: '0.001', taker: '0.002' },
      startBalances: { USDT: '10000', BTC: '10' },
      clock: () => clock.now,
    });
  });
  afterEach(() => venue.close());

  const balance = async (asset: string) => (await venue.snapshot()).balances.find((b) => b.asset === asset);
  const trade = (lastPrice: number) => gateway.stream.emit({ type: 'ticker', ticker: { symbol: 'BTCUSDT', lastPrice, change24hPct: 0, high24h: lastPrice, low24h: lastPrice, volume24h: 1, turnover24h: 1, ts: clock.now } });

  it('walks the asks level by level for a market buy, as taker, and spends what each level cost', async () => {
    const { order: state, fills } = await venue.submit(order({ qty: '2.5' }));
    expect(fills.map((f) => [f.price, f.qty, f.liquidity])).toEqual([
      ['100.1', '1', 'taker'],
      ['100.2', '1.5', 'taker'],
    ]);
    expect(state).toMatchObject({ status: 'filled', cumQty: '2.5', cumQuote: '250.4' });
    // 10000 - 100.1 - 150.3; nothing stays held back for the filled order.
    expect(await balance('USDT')).toMatchObject({ total: '9749.6', locked: '0' });
  });

  it('walks the bids for a market sell and spends a quote amount across the asks', async () => {
    const sell = await venue.submit(order({ side: 'sell', qty: '2' }));
    expect(sell.fills.map((f) => [f.price, f.qty])).toEqual([
      ['99.9', '1'],
      ['99.8', '1'],
    ]);
    const buy = await venue.submit(order({ quoteAmount: '200.3' }));
    expect(buy.fills.map((f) => [f.price, f.qty])).toEqual([
      ['100.1', '1'],
      ['100.2', '1'],
    ]);
  });

  it('fills no further than the listed book: the rest of a market order is cancelled and its hold released', async () => {
    const { order: state, fills } = await venue.submit(order({ qty: '7' }));
    expect(fills.map((f) => f.qty)).toEqual(['1', '2', '3']);
    expect(state.status).toBe('cancelled');
    expect(await balance('USDT')).toMatchObject({ locked: '0' });
  });

  it('refuses a market order while the book has no level on its side, in words', async () => {
    book = { bids: LADDER.bids, asks: [] };
    await expect(venue.submit(order({ qty: '1' }))).rejects.toMatchObject({ code: 'no_liquidity', message: 'the BTCUSDT book has no asks now' });
  });

  it('fills a resting limit only when a trade goes through its price, at its price, as maker', async () => {
    const placed = await venue.submit(order({ type: 'limit', qty: '1', price: '99.0' }));
    expect(placed.order.status).toBe('new');
    const updates: string[] = [];
    venue.onUpdate((u) => updates.push(`${u.order.status} ${u.fills.map((f) => `${f.price}/${f.liquidity}`).join(',')}`));
    trade(99.0);
    expect(updates).toEqual([]);
    trade(98.9);
    expect(updates).toEqual(['filled 99/maker']);
  });

  it("fills from a closed 1m candle's low only the limits resting at its open", async () => {
    clock.now = 60_000;
    const atOpen = await venue.submit(order({ type: 'limit', qty: '1', price: '99.0' }));
    clock.now = 60_500;
    const later = await venue.submit(order({ type: 'limit', qty: '1', price: '99.0' }));
    gateway.stream.emit({ type: 'kline', symbol: 'BTCUSDT', interval: '1m', candle: { openTime: 60_000, open: 99.5, high: 99.6, low: 98.5, close: 99.2, volume: 1, turnover: 99 }, closed: true });
    expect((await venue.query(atOpen.order.orderLinkId))?.order.status).toBe('filled');
    expect((await venue.query(later.order.orderLinkId))?.order.status).toBe('new');
  });

  describe('stop orders', () => {
    const stop = (triggerPrice: string, qty = '2') => order({ side: 'sell', type: 'stop', qty, triggerPrice });

    it('rests untriggered, holding nothing back, until a trade at or below its trigger sells into the bids as taker', async () => {
      const placed = await venue.submit(stop('99.0'));
      expect(placed).toMatchObject({ order: { status: 'new', cumQty: '0' }, fills: [] });
      expect(await balance('BTC')).toMatchObject({ locked: '0' });
      const updates: string[] = [];
      venue.onUpdate((u) => updates.push(`${u.order.status} ${u.fills.map((f) => `${f.price}x${f.qty}/${f.liquidity}`).join(',')}`));
      trade(99.01);
      await Promise.resolve();
      expect(updates).toEqual([]);
      trade(99.0);
      await expect.poll(() => updates).toEqual(['filled 99.9x1/taker,99.8x1/taker']);
      // A later trade cannot fill it twice.
      trade(98);
      await Promise.resolve();
      expect(updates).toHaveLength(1);
    });

    it("sells inside a closed 1m candle that reached it, at the trigger, or at the open when the candle opened below it (the backtest's fill)", async () => {
      clock.now = 60_000;
      const above = await venue.submit(stop('99.4', '1'));
      const below = await venue.submit(stop('100.2', '1'));
      gateway.stream.emit({ type: 'kline', symbol: 'BTCUSDT', interval: '1m', candle: { openTime: 60_000, open: 99.555, high: 99.6, low: 98.5, close: 99.2, volume: 1, turnover: 99 }, closed: true });
      const fillOf = async (key: string) => (await venue.query(key))?.fills.map((f) => [f.price, f.qty, f.liquidity]);
      expect(await fillOf(above.order.orderLinkId)).toEqual([['99.4', '1', 'taker']]);
      // Opened at 99.555, under its 100.2 trigger: it sold at the open, floored to the 0.1 tick.
      expect(await fillOf(below.order.orderLinkId)).toEqual([['99.5', '1', 'taker']]);
    });

    it('sells only the free base when triggered, and is cancelled with nothing to sell', async () => {
      await venue.submit(order({ side: 'sell', qty: '5.5' }));
      const partial = await venue.submit(stop('99.0', '5'));
      const updates: string[] = [];
      venue.onUpdate((u) => updates.push(`${u.order.orderLinkId === partial.order.orderLinkId ? 'first' : 'second'} ${u.order.status} ${u.fills.map((f) => f.qty).join(',')}`));
      trade(98.9);
      // 4.5 BTC is left of the 10: the stop sells that much of its 5.
      await expect.poll(() => updates).toEqual(['first filled 1,2,1.5']);
      const empty = await venue.submit(stop('99.0', '1'));
      trade(98.8);
      await expect.poll(async () => (await venue.query(empty.order.orderLinkId))?.order).toMatchObject({ status: 'cancelled', statusReason: 'EC_NoEnoughQtyToFill' });
    });

    it('is cancelled without a fill, and comes back untriggered after a restart', async () => {
      const cancelled = await venue.submit(stop('99.0', '1'));
      expect((await venue.cancel(cancelled.order.orderLinkId)).order.status).toBe('cancelled');
      trade(98);
      await Promise.resolve();
      expect((await venue.query(cancelled.order.orderLinkId))?.fills).toEqual([]);

      const again = new PaperVenue({ instrument: async () => BTCUSDT_SPOT, book: async () => book, feed: gateway.openFeed(), fees: { maker: '0.001', taker: '0.002' }, startBalances: { BTC: '1' }, clock: () => clock.now });
      const stored = { id: '00000000-0000-4000-8000-000000000001', idempotencyKey: 'stop-1', venue: 'paper', symbol: 'BTCUSDT', side: 'sell', type: 'stop', qty: '1', quoteAmount: null, price: null, triggerPrice: '97', timeInForce: 'GTC', strategyId: null, reason: 'test', status: 'new', venueOrderId: 'paper-1', cumQty: '0', cumQuote: '0', avgPrice: null, statusReason: null, createdAt: new Date(clock.now).toISOString(), updatedAt: new Date(clock.now).toISOString() } as const;
      await again.restore([], [stored]);
      expect((await again.snapshot()).openOrders.map((o) => [o.orderLinkId, o.status])).toEqual([['stop-1', 'new']]);
      trade(96.5);
      await expect.poll(async () => (await again.query('stop-1'))?.order.status).toBe('filled');
      again.close();
    });
  });
});
