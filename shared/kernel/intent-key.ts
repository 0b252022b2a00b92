import type { OrderIntent } from '../strategy/intents.ts';
import type { OrderLinkId } from './schemas.ts';

/**
 * Idempotency keys for one strategy run: a pure function of (run id, candle open time, intent
 * tag, position in the step), so a replay or a restart of the run derives the same key for the
 * same decision and the exchange (Bybit `orderLinkId`) refuses it as a duplicate instead of
 * placing it twice. The position in the step keeps two intents of one candle with the same tag
 * apart; an untagged intent is named by its type and side.
 *
 * Shape: `<open time, decimal ms>-<64-bit hash of run id, tag and position, hex>`, at most
 * 16 + 1 + 16 = 33 characters of [0-9a-f-], always a valid orderLinkId. The time stays readable so
 * an order on the exchange can be traced to its candle. The hash part depends on the candle only
 * through the prefix, so it is computed once per tag and position: a backtest keys every intent
 * of a million candles.
 */
export function intentKeyer(runId: string): (openTime: number, intent: OrderIntent, index: number) => OrderLinkId {
  if (runId.length === 0) throw new Error('a strategy run id is needed to derive idempotency keys');
  const suffixes = new Map<string, string[]>();
  const suffixOf = (tag: string, index: number): string => {
    let byIndex = suffixes.get(tag);
    if (byIndex === undefined) {
      byIndex = [];
      // Tags are a strategy's constants; one that makes a new tag per candle is still keyed, just uncached.
      if (suffixes.size < MAX_CACHED_TAGS) suffixes.set(tag, byIndex);
    }
    return (byIndex[index] ??= hash64(`${runId}\u0000${tag}\u0000${index}`));
  };
  return (openTime, intent, index) => {
    if (!Number.isSafeInteger(openTime) || openTime < 0) throw new Error(`candle open time ${openTime} is not a non-negative integer of ms`);
    return `${decimalMs(openTime)}-${suffixOf(tagOf(intent), index)}`;
  };
}

/** `String(ms)`, from two small-integer halves: formatting a 13-digit double is the slow part of keying. */
function decimalMs(ms: number): string {
  const high = Math.floor(ms / 1e8);
  const low = ms - high * 1e8;
  return high === 0 ? String(low) : String(high) + String(low).padStart(8, '0');
}

const MAX_CACHED_TAGS = 1024;

function tagOf(intent: OrderIntent): string {
  if (intent.type === 'cancel') return intent.side === undefined ? 'cancel:all' : intent.side === 'buy' ? 'cancel:buy' : 'cancel:sell';
  return intent.tag ?? (intent.side === 'buy' ? `${intent.type}:buy` : `${intent.type}:sell`);
}

/** Two 32-bit FNV-1a lanes with different primes over the UTF-16 code units, as 16 hex digits. */
function hash64(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x9747b28c;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}
