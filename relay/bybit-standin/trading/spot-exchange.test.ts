import { describe, expect, it } from 'vitest';
import { fixed, fixedText } from '../../../shared/matching/fixed-decimal.ts';
import { HISTORY_END } from '../history/build-history.ts';
import { SimMarket } from '../market/sim-market.ts';
import { SpotExchange } from './spot-exchange.ts';

/** The exchange on a clock that only moves when told, so the walk stands still between steps. */
function exchangeAt(start: number) {
  let now = start;
  const market = new SimMarket({ startTime: start, seed: 3, tickMs: 1000, syntheticSymbols: 0, realSymbols: ['BTCUSDT'] });
  const exchange = new SpotExchange({ market, clock: { now: () => now }, balances: { USDT: '100000', BTC: '1' }, makerFeeRate: '0.0002', takerFeeRate: '0.001' });
  return { exchange, advance: (ms: number) => (now += ms) };
}

const START = HISTORY_END + 3_600_000;
const limit = (side: 'Buy' | 'Sell', qty: string, price: string, orderLinkId?: string) => ({
  symbol: 'BTCUSDT',
  orderLinkId,
  order: { category: 'spot' as const, symbol: 'BTCUSDT', side, orderType: 'Limit' as const, qty, price },
});

describe('SpotExchange: one book for takers, makers and the public', () => {
  it('a resting limit adds its size to the public level it rests at and leaves it when cancelled', () => {
    const { exchange } = exchangeAt(START);
    const before = exchange.book('BTCUSDT', 200)!;
    const level = before.bids[10]!;
    const placed = exchange.create(limit('Buy', '0.5', fixedText(level.price), 'x1'));
    expect('retCode' in placed).toBe(false);
    const after = exchange.book('BTCUSDT', 200)!;
    expect(after.bids[10]).toEqual({ price: level.price, size: level.size + fixed('0.5') });
    expect(after.u).toBeGreaterThan(before.u);
    exchange.cancel({ symbol: 'BTCUSDT', orderLinkId: 'x1' });
    expect(exchange.book('BTCUSDT', 200)!.bids[10]).toEqual(level);
  });

  it('a taker buy consumes the asks it takes, the trade shows on the tape, the wallet moves by value and fee', () => {
    const { exchange } = exchangeAt(START);
    const top = exchange.book('BTCUSDT', 1)!.asks[0]!;
    const qty = fixedText(top.size);
    const usdt = exchange.wallet.balance('USDT');
    exchange.create({ symbol: 'BTCUSDT', orderLinkId: undefined, order: { category: 'spot', symbol: 'BTCUSDT', side: 'Buy', orderType: 'Market', qty, marketUnit: 'baseCoin' } });
    expect(exchange.book('BTCUSDT', 1)!.asks[0]!.price).toBeGreaterThan(top.price);
    const [trade] = exchange.recentTrades('BTCUSDT', 1);
    expect(trade).toMatchObject({ price: top.price, qty: top.size, side: 'Buy' });
    expect(usdt - exchange.wallet.balance('USDT')).toBe((top.price * top.size) / fixed('1'));
    expect(exchange.wallet.balance('BTC')).toBe(fixed('1') + top.size - (top.size * fixed('0.001')) / fixed('1'));
  });

  it('a resting sell fills as maker once the walk trades up through it', () => {
    const { exchange, advance } = exchangeAt(START);
    const ask = exchange.book('BTCUSDT', 1)!.asks[0]!.price;
    const price = fixedText(ask + fixed('5'));
    const placed = exchange.create(limit('Sell', '0.01', price));
    if ('retCode' in placed) throw new Error(placed.retMsg);
    for (let i = 0; i < 24 * 60 && placed.order.status !== 'Filled'; i++) {
      advance(60_000);
      exchange.sync();
    }
    expect(placed.order.status).toBe('Filled');
    const fill = exchange.executions()[0]!.fill;
    expect(fill).toMatchObject({ isMaker: true, price: fixed(price), feeIn: 'quote' });
    expect(fill.fee).toBe((fill.value * fixed('0.0002')) / fixed('1'));
  });
});
