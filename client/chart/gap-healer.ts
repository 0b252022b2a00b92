import type { Candle } from '../../shared/market/index.ts';
import { unionHeal, type HealRange } from './candle-gap.ts';

export interface GapHealerPorts {
  /** Loads the range (cache + relay); resolves with whatever it could get, even after a fetch error. */
  load(range: HealRange): Promise<Candle[]>;
  /** Puts the loaded candles on the chart (merged, or replacing the history when `range.replace`). */
  apply(candles: Candle[], range: HealRange): void;
  /** The streamed candle to re-apply after a merge: it is fresher than what the fetch returned. */
  reapplyLive(candle: Candle): void;
  /** The load itself broke (not a fetch error: those still return cached candles). */
  failed(err: unknown): void;
}

/**
 * Runs at most one heal fetch at a time. Gaps reported while one is in flight are folded into a
 * single follow-up, so a burst of stream events after a drop costs one or two requests, not one
 * per event.
 */
export class GapHealer {
  private running = false;
  private queued: HealRange | null = null;
  private liveDuringHeal: Candle | null = null;
  private disposed = false;

  constructor(private readonly ports: GapHealerPorts) {}

  request(range: HealRange): void {
    if (this.disposed) return;
    if (this.running) {
      this.queued = this.queued ? unionHeal(this.queued, range) : range;
      return;
    }
    void this.run(range);
  }

  /** Every streamed candle goes through here so the newest one wins over a slower fetch. */
  noteLive(candle: Candle): void {
    if (this.running) this.liveDuringHeal = candle;
  }

  dispose(): void {
    this.disposed = true;
    this.queued = null;
  }

  private async run(range: HealRange): Promise<void> {
    this.running = true;
    this.liveDuringHeal = null;
    try {
      const candles = await this.ports.load(range);
      if (this.disposed) return;
      this.ports.apply(candles, range);
      if (this.liveDuringHeal) this.ports.reapplyLive(this.liveDuringHeal);
    } catch (err) {
      if (!this.disposed) this.ports.failed(err);
    } finally {
      this.running = false;
      this.liveDuringHeal = null;
      const next = this.queued;
      this.queued = null;
      if (next && !this.disposed) void this.run(next);
    }
  }
}
