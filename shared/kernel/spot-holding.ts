/**
 * Base held on a spot account, in basePrecision lots. Bybit spot takes a buy's fee from the base
 * received (it receives lots x (1 - feeRate)), so the holding is not on the lot grid: it is kept
 * fractional, only whole lots can be sold (`baseLots`), and the remainder is dust that stays until
 * later buys top it up to a lot. The venue's account and the runner's trade book each keep one,
 * fed the same fills, so both agree on when a position is flat.
 */
export class SpotHolding {
  /** Fractional lots held. */
  heldLots = 0;
  /** Whole lots that can be sold; 0 means flat (at most dust below one lot is left). */
  baseLots = 0;

  receive(lots: number, feeRate: number): void {
    this.heldLots += lots * (1 - feeRate);
    this.baseLots = wholeLots(this.heldLots);
  }

  deliver(lots: number): void {
    // The floor in baseLots tolerates binary noise, so the rest may dip a hair below zero.
    this.heldLots = Math.max(0, this.heldLots - lots);
    this.baseLots = wholeLots(this.heldLots);
  }

  /** Lots below one that cannot be sold (the whole holding while it is under one lot). */
  get dustLots(): number {
    return Math.max(0, this.heldLots - this.baseLots);
  }
}

/**
 * Whole lots in a fractional holding. The holding is a float approximation of the base received
 * (lots x (1 - fee), minus lots sold), so a few ulps of binary noise are absorbed; the guard is
 * relative to the holding and stays far below one lot for any count a double can tell apart.
 */
function wholeLots(heldLots: number): number {
  return Math.floor(heldLots + heldLots * 8 * Number.EPSILON);
}
