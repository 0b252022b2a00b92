import { fixed, mul, type Fixed } from '../../../shared/matching/fixed-decimal.ts';
import { isOpen, type Fill, type SpotOrder } from '../../../shared/matching/spot-order.ts';

export interface CoinPair {
  baseCoin: string;
  quoteCoin: string;
}

/**
 * The simulated UTA's spot balances. Funds an open limit order may still spend are locked (buy:
 * leavesQty x price of quote, sell: leavesQty of base), the rest is available; a fill moves the
 * coins, its fee taken from the coin received, as Bybit spot does.
 */
export class SpotWallet {
  private readonly balances = new Map<string, Fixed>();
  /** Cumulative fees per coin: what cumRealisedPnl reports for spot (negative). */
  private readonly feesPaid = new Map<string, Fixed>();

  constructor(initial: Record<string, string>) {
    for (const [coin, amount] of Object.entries(initial)) this.balances.set(coin, fixed(amount));
  }

  coins(): string[] {
    return [...this.balances.keys()];
  }

  balance(coin: string): Fixed {
    return this.balances.get(coin) ?? 0n;
  }

  fees(coin: string): Fixed {
    return this.feesPaid.get(coin) ?? 0n;
  }

  /** Locked per coin across the given open orders. */
  locked(coin: string, orders: Iterable<{ pair: CoinPair; order: SpotOrder }>): Fixed {
    let sum = 0n;
    for (const { pair, order } of orders) {
      if (!isOpen(order) || order.orderType !== 'Limit') continue;
      if (order.side === 'Buy' && pair.quoteCoin === coin) sum += mul(order.leavesQty, order.price);
      if (order.side === 'Sell' && pair.baseCoin === coin) sum += order.leavesQty;
    }
    return sum;
  }

  /** Funds arriving from outside spot trading (a deposit or a transfer in). */
  credit(coin: string, amount: Fixed): void {
    this.balances.set(coin, this.balance(coin) + amount);
  }

  settle(pair: CoinPair, fill: Fill): void {
    const [received, paid] = fill.side === 'Buy' ? [pair.baseCoin, pair.quoteCoin] : [pair.quoteCoin, pair.baseCoin];
    const gross = fill.side === 'Buy' ? fill.qty : fill.value;
    const cost = fill.side === 'Buy' ? fill.value : fill.qty;
    this.balances.set(received, this.balance(received) + gross - fill.fee);
    this.balances.set(paid, this.balance(paid) - cost);
    this.feesPaid.set(received, this.fees(received) + fill.fee);
  }
}
