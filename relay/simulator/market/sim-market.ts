import { realHistory, syntheticHistory } from '../history/build-history.ts';
import { REAL_SYMBOLS } from '../history/real-symbols.ts';
import { SymbolMarket } from './symbol-market.ts';

export interface SimMarketOptions {
  startTime: number;
  seed: number;
  tickMs: number;
  syntheticSymbols: number;
}

/** Every simulated spot symbol, real ones first, then SIMnnUSDT. */
export class SimMarket {
  private readonly bySymbol = new Map<string, SymbolMarket>();

  constructor(options: SimMarketOptions) {
    const { startTime, seed, tickMs, syntheticSymbols } = options;
    if (!Number.isInteger(tickMs) || tickMs < 10) throw new Error(`tickMs must be an integer >= 10, got ${tickMs}`);
    if (!Number.isInteger(syntheticSymbols) || syntheticSymbols < 0 || syntheticSymbols > 99) {
      throw new Error(`syntheticSymbols must be an integer in [0, 99], got ${syntheticSymbols}`);
    }
    const histories = [
      ...REAL_SYMBOLS.map((real) => realHistory(real, startTime, seed)),
      ...Array.from({ length: syntheticSymbols }, (_, i) => syntheticHistory(i, startTime, seed)),
    ];
    for (const history of histories) {
      const market = new SymbolMarket(history, seed, tickMs);
      market.advance(startTime);
      this.bySymbol.set(market.symbol, market);
    }
  }

  symbols(): string[] {
    return [...this.bySymbol.keys()];
  }

  get(symbol: string): SymbolMarket | undefined {
    return this.bySymbol.get(symbol);
  }

  all(): SymbolMarket[] {
    return [...this.bySymbol.values()];
  }

  advance(now: number): void {
    for (const market of this.bySymbol.values()) market.advance(now);
  }
}
