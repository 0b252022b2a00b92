import { atr } from './atr.ts';
import { bollinger } from './bollinger.ts';
import { ema } from './ema.ts';
import { macd } from './macd.ts';
import { rsi } from './rsi.ts';
import { sma } from './sma.ts';
import { vwap } from './vwap.ts';

/** Every indicator the portal offers, in menu order. Adding one here adds it everywhere. */
export const INDICATOR_DEFINITIONS = [sma, ema, bollinger, vwap, rsi, macd, atr] as const;

export const INDICATOR_NAMES = INDICATOR_DEFINITIONS.map((d) => d.name) as [
  (typeof INDICATOR_DEFINITIONS)[number]['name'],
  ...(typeof INDICATOR_DEFINITIONS)[number]['name'][],
];
