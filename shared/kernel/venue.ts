import type { CancelRequest, VenueEvent, VenueOrder } from './schemas.ts';

/** What the venue's account can fund, as the venue last knew it. */
export interface VenueFunds {
  /** Quote not locked by any order. */
  readonly freeQuote: number;
  /** Whole base lots that can be sold: held and not locked by a resting sell limit. */
  readonly baseLots: number;
  /** Quote locked by this run's resting buy limit: a new buy limit replaces that order, so it may spend this too. */
  readonly buyLimitQuote: number;
  /** Base lots locked by this run's resting sell limit, which a new sell limit (or a stop) may sell instead. */
  readonly sellLimitLots: number;
}

/**
 * Where a runner's orders go: the candle simulation (shared/backtest/candle-venue.ts), later the
 * relay's paper and live venues. `submit` and `cancel` may return at once (the simulation applies
 * them synchronously, which keeps the backtest loop fast) or return a promise that settles once
 * the venue has taken the request; fills and rejections come through `onEvent` whenever they
 * happen, synchronously or long after. A failed promise is reported to the runner as a rejection.
 * Orders replace the run's resting order of the same kind and side (one buy limit, one sell
 * limit, one stop), as an amend would.
 */
export interface Venue {
  funds(): VenueFunds;
  submit(order: VenueOrder): void | Promise<void>;
  cancel(request: CancelRequest): void | Promise<void>;
  /** Registers the one listener for this venue's fills and rejections, in the order they happened. */
  onEvent(listener: (event: VenueEvent) => void): void;
}
