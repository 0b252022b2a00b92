import { HISTORY_END, realHistory, syntheticHistory } from '../history/build-history.ts';
import { REAL_SYMBOLS } from '../history/real-symbols.ts';
import { SymbolMarket } from './symbol-market.ts';

export interface SimMarketOptions {
  startTime: number;
  seed: number;
  tickMs: number;
  syntheticSymbols: number;
  /** Subset of the real-data symbols to load (default all); tests use it to start faster. */
  realSymbols?: readonly string[];
}

/** Every simulated spot symbol, real ones first, then SIMnnUSDT. */
export class SimMarket {
  private readonly bySymbol = new Map<string, SymbolMarket>();

  constructor(options: SimMarketOptions) {
    const { startTime, seed, tickMs, syntheticSymbols, realSymbols } = options;
    const unknown = realSymbols?.filter((symbol) => !REAL_SYMBOLS.some((real) => real.spec.symbol === symbol)) ?? [];
    if (unknown.length > 0) throw new Error(`realSymbols: ${unknown.join(', ')} not simulated; choose from ${REAL_SYMBOLS.map((r) => r.spec.symbol).join(', ')}`);
    const reals = REAL_SYMBOLS.filter((real) => realSymbols?.includes(real.spec.symbol) ?? true);
    if (!Number.isInteger(tickMs) || tickMs < 10) throw new Error(`tickMs must be an integer >= 10, got ${tickMs}`);
    if (!Number.isInteger(syntheticSymbols) || syntheticSymbols < 0 || syntheticSymbols > 99) {
      throw new Error(`syntheticSymbols must be an integer in [0, 99], got ${syntheticSymbols}`);
    }
    if (!(startTime >= HISTORY_END)) {
      throw new Error(`startTime must be at or after the history's end ${new Date(HISTORY_END).toISOString()}, got ${new Date(startTime).toISOString()}`);
    }
    const histories = [
      ...reals.map((real) => realHistory(real, seed)),
      ...Array.from({ length: syntheticSymbols }, (_, i) => syntheticHistory(i, seed)),
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
