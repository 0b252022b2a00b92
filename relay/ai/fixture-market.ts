import { BTC_1M_FIXTURE, loadFixtureCandles } from '../../shared/indicators/fixture-candles.ts';
import type { Candle } from '../../shared/market/index.ts';
import { InMemoryMarketGateway } from '../market/in-memory-market-gateway.ts';
import { testSymbol } from '../market/test-symbols.ts';

/** Test support: the recorded BTCUSDT 1m candles, served for any range like the exchange would (Node only). */
export const FIXTURE_CANDLES: Candle[] = loadFixtureCandles(BTC_1M_FIXTURE).map((c) => ({ ...c, turnover: c.close * c.volume }));

export function fixtureCandleSource(candles: readonly Candle[] = FIXTURE_CANDLES) {
  return (_symbol: string, _interval: string, from: number, to: number) => candles.filter((c) => c.openTime >= from && c.openTime <= to);
}

export function fixtureGateway(candles: readonly Candle[] = FIXTURE_CANDLES): InMemoryMarketGateway {
  return new InMemoryMarketGateway([testSymbol('BTCUSDT', 'BTC')], fixtureCandleSource(candles));
}

/** A dataset spec over the first `count` fixture candles. */
export function fixtureDataset(count: number) {
  return { symbol: 'BTCUSDT', interval: '1m' as const, from: FIXTURE_CANDLES[0]!.openTime, to: FIXTURE_CANDLES[count - 1]!.openTime };
}
