import type { MarketSymbol } from '../../shared/market/index.ts';
import { InstrumentRulesSchema, type InstrumentRules } from '../../shared/strategy/index.ts';
import { toMarketSymbol } from './bybit-normalize.ts';
import { restSuccessSchema, SpotInstrumentsResultSchema } from './bybit-wire.ts';
import { readBybitFixture } from './read-bybit-fixture.ts';

/**
 * The one test instrument (Node only): Bybit's published BTCUSDT spot instrument
 * (fixtures/bybit-v5/rest/market/instruments-info.spot.json) mapped the way the relay maps it,
 * so tests never carry their own guess of its tick size and lot filters.
 */
const body = restSuccessSchema(SpotInstrumentsResultSchema).parse(readBybitFixture('rest/market/instruments-info.spot.json'));
const btc = body.result.list.find((i) => i.symbol === 'BTCUSDT');
if (btc === undefined) throw new Error('instruments-info.spot.json has no BTCUSDT');

export const BTCUSDT_SPOT: MarketSymbol = toMarketSymbol(btc);

/** BTCUSDT's order rules, as a backtest or order check takes them. */
export const BTCUSDT_RULES: InstrumentRules = InstrumentRulesSchema.parse(BTCUSDT_SPOT);
