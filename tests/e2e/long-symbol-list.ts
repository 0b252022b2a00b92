import { pino } from 'pino';
import type { MarketSymbol } from '../../shared/market/index.ts';
import { startBybitStandIn } from '../../relay/bybit-standin/index.ts';
import { createBybitGateway } from '../../relay/exchange/index.ts';
import type { MarketGateway } from '../../relay/market/gateway.ts';
import { startSimRelay, type SimRelay } from './harness.ts';

/** Base coins listed on Bybit spot, for a listing as long as the real one. */
const BASES = (
  'ETH SOL XRP ADA DOGE DOT LINK LTC BCH AVAX MATIC ATOM UNI XLM ETC FIL APT ARB OP NEAR ICP HBAR VET ' +
  'ALGO QNT AAVE GRT EGLD SAND MANA AXS THETA FTM EOS XTZ FLOW CHZ KAVA ZEC DASH NEO IOTA KSM ENJ BAT ' +
  'CRV COMP SNX YFI SUSHI ONE ZIL CELO RVN 1INCH GMT APE LDO IMX INJ SUI SEI TIA PEPE SHIB WLD JUP PYTH'
).split(' ');
const QUOTES = ['USDT', 'USDC', 'EUR', 'BTC', 'ETH'];

/**
 * The stand-in simulates four real symbols, and each synthetic one costs ~1 s and ~12 MB to walk
 * from its history to now, so hundreds are out of reach. Bybit lists ~600 spot pairs: this adds
 * listed pairs (no candles) beside the simulated ones, so the symbol list is as long as the real
 * one while every simulated symbol still charts.
 */
function withListedPairs(gateway: MarketGateway): MarketGateway {
  const listSymbols = async (): Promise<MarketSymbol[]> => {
    const simulated = await gateway.listSymbols();
    const template = simulated[0]!;
    const known = new Set(simulated.map((s) => s.symbol));
    const listed = BASES.flatMap((base) =>
      QUOTES.filter((quote) => quote !== base).map((quote) => ({ ...template, symbol: `${base}${quote}`, base, quote })),
    );
    return [...simulated, ...listed.filter((s) => !known.has(s.symbol))];
  };
  return { ...gateway, listSymbols };
}

/** A sim relay (the in-repo stand-in upstream) whose symbol list holds 300+ spot pairs. */
export async function startLongListRelay(): Promise<SimRelay> {
  const standIn = await startBybitStandIn();
  const gateway = createBybitGateway({ restBaseUrl: standIn.restUrl, wsPublicSpotUrl: standIn.wsPublicSpotUrl, logger: pino({ level: 'error' }) });
  const sim = await startSimRelay('portal-e2e-long-list-', { gateway: withListedPairs(gateway) });
  return {
    ...sim,
    close: async () => {
      await sim.close();
      await gateway.close();
      await standIn.close();
    },
  };
}
