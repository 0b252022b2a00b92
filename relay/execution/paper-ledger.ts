import type { Balance, FillRecord } from '../../shared/execution/index.ts';
import { fixed, fixedText, mul, type Fixed } from '../../shared/matching/fixed-decimal.ts';

/** One fill's effect on the account, in the coins Bybit spot moves. */
export interface Settlement {
  side: 'buy' | 'sell';
  base: string;
  quote: string;
  qty: Fixed;
  /** price x qty */
  value: Fixed;
  fee: Fixed;
  feeAsset: string;
}

/**
 * Paper balances: totals per asset and what open orders hold back from them. Pure bookkeeping,
 * exact to 18 decimals; the paper venue decides what to reserve and settles its fills here.
 */
export class PaperLedger {
  private readonly totals = new Map<string, Fixed>();
  private readonly held = new Map<string, Fixed>();

  constructor(start: Readonly<Record<string, string>>) {
    for (const [asset, amount] of Object.entries(start)) this.totals.set(asset, fixed(amount));
  }

  free(asset: string): Fixed {
    return (this.totals.get(asset) ?? 0n) - (this.held.get(asset) ?? 0n);
  }

  /** Holds `amount` back for an order; false (nothing held) when the free balance is short. */
  reserve(asset: string, amount: Fixed): boolean {
    if (this.free(asset) < amount) return false;
    this.held.set(asset, (this.held.get(asset) ?? 0n) + amount);
    return true;
  }

  release(asset: string, amount: Fixed): void {
    this.held.set(asset, (this.held.get(asset) ?? 0n) - amount);
  }

  /** A buy pays value in quote and receives qty less a base fee; a sell gives qty and receives value less a quote fee. */
  settle(s: Settlement): void {
    const [paid, paidAmount, got, gotAmount] = s.side === 'buy' ? [s.quote, s.value, s.base, s.qty] : [s.base, s.qty, s.quote, s.value];
    this.add(paid, -paidAmount);
    this.add(got, gotAmount);
    this.add(s.feeAsset, -s.fee);
  }

  /** A stored fill of a symbol trading `base` against `quote`. */
  settleFill(fill: FillRecord, { base, quote }: { base: string; quote: string }): void {
    const qty = fixed(fill.qty);
    this.settle({ side: fill.side, base, quote, qty, value: mul(fixed(fill.price), qty), fee: fixed(fill.fee), feeAsset: fill.feeAsset });
  }

  balances(): Balance[] {
    return [...this.totals.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([asset, total]) => {
        const locked = this.held.get(asset) ?? 0n;
        return { asset, free: fixedText(total - locked), locked: fixedText(locked), total: fixedText(total) };
      });
  }

  private add(asset: string, amount: Fixed): void {
    this.totals.set(asset, (this.totals.get(asset) ?? 0n) + amount);
  }
}
