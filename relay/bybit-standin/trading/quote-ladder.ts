import { fixed, type Fixed } from '../../../shared/matching/fixed-decimal.ts';
import type { Level } from '../../../shared/matching/spot-matching-engine.ts';
import type { InstrumentSpec } from '../history/instrument-spec.ts';
import { decimalText, decimalsOf } from '../market/decimal-text.ts';
import type { BookTop } from '../market/symbol-market.ts';

/** Levels quoted on each side: enough for Bybit's deepest spot book topic (orderbook.200). */
export const LADDER_DEPTH = 200;

export interface Ladder {
  bids: Level[];
  asks: Level[];
}

/**
 * Other traders' quotes around the walk: the quoted top of book, then one level per tick away
 * from it, each deeper level holding one more top-size than the last (books thicken with
 * distance). Re-quoted after every walk trade, so liquidity a taker consumed comes back.
 */
export function quoteLadder(spec: InstrumentSpec, top: BookTop, depth = LADDER_DEPTH): Ladder {
  const tick = fixed(spec.tickSize);
  const lotDecimals = decimalsOf(spec.basePrecision);
  const tickDecimals = decimalsOf(spec.tickSize);
  const side = (price: number, size: number, direction: 1n | -1n): Level[] => {
    const first = fixed(decimalText(price, tickDecimals));
    const unit = fixed(decimalText(size, lotDecimals));
    const levels: Level[] = [];
    for (let k = 0n; k < BigInt(depth); k++) {
      const p: Fixed = first + direction * k * tick;
      if (p <= 0n) break;
      levels.push({ price: p, size: unit * (k + 1n) });
    }
    return levels;
  };
  return { bids: side(top.bid1Price, top.bid1Size, -1n), asks: side(top.ask1Price, top.ask1Size, 1n) };
}
