import { useEffect, useEffectEvent, useRef, useState, type ReactNode } from 'react';
import { INTERVALS, type Interval } from '../../shared/market/index.ts';
import { browserCandleCache } from '../cache/browser-candle-cache.ts';
import { ChartDrawings } from '../drawings/ChartDrawings.tsx';
import { ChartIndicators } from '../indicators/ChartIndicators.tsx';
import { useChartLayout } from '../layouts/use-chart-layout.ts';
import { useSymbols } from '../market/market-queries.ts';
import { ChartFillMarkers } from '../orders/ChartFillMarkers.tsx';
import { ChartRunMarkers } from '../simulation/ChartRunMarkers.tsx';
import { ChartContext } from './chart-context.tsx';
import { ChartController } from './chart-controller.ts';
import { ChartHeader } from './ChartHeader.tsx';
import { CrosshairLegend } from './CrosshairLegend.tsx';
import { chartShortcut, keyPressOf } from './chart-shortcuts.ts';
import { exposeForDebugging } from './debug-handles.ts';
import { ShortcutsHelp } from './ShortcutsHelp.tsx';
import { SymbolSearch } from './SymbolSearch.tsx';
import { useCandleHistory } from './use-candle-history.ts';

interface Props {
  symbol: string;
  interval: Interval;
  onChange: (symbol: string, interval: Interval) => void;
  /** Layers added by later features (indicator panes, drawings, markers) read the chart via context. */
  children?: ReactNode;
}

export function ChartWorkspace({ symbol, interval, onChange, children }: Props) {
  const [controller] = useState(() => new ChartController());
  const containerRef = useRef<HTMLDivElement>(null);
  const history = useCandleHistory(controller, browserCandleCache(), symbol, interval);
  const symbols = useSymbols();
  const layout = useChartLayout(symbol, interval);
  const [searchOpen, setSearchOpen] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);

  // Interval keys, `/` and `?`; drawing keys (Delete, Esc, undo) are the drawing toolbar's.
  const onShortcut = useEffectEvent((event: KeyboardEvent) => {
    const shortcut = chartShortcut(keyPressOf(event));
    if (shortcut === null) return;
    if (shortcut.kind === 'interval') {
      if (shortcut.interval !== interval) onChange(symbol, shortcut.interval);
    } else if (shortcut.kind === 'search') {
      event.preventDefault();
      setHelpOpen(false);
      setSearchOpen(true);
    } else if (shortcut.kind === 'help') {
      setHelpOpen((open) => !open);
    } else if (shortcut.kind === 'escape') {
      setHelpOpen(false);
    }
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent) => onShortcut(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    controller.attach(container);
    const unexpose = exposeForDebugging('__chart', controller);
    return () => {
      unexpose();
      controller.detach();
    };
  }, [controller]);

  const info = symbols.data?.find((s) => s.symbol === symbol);
  const tickSize = info?.tickSize;
  useEffect(() => {
    if (tickSize !== undefined) controller.setTickSize(tickSize);
  }, [controller, tickSize]);


  return (
    <ChartContext.Provider value={controller}>
      <section className="chart-workspace" data-testid="chart-workspace">
        <div className="toolbar">
          <SymbolSearch
            symbol={symbol}
            symbols={symbols.data ?? []}
            open={searchOpen}
            onOpenChange={setSearchOpen}
            onPick={(picked) => onChange(picked, interval)}
          />
          <div className="interval-bar" role="group" aria-label="Interval">
            {INTERVALS.map((i) => (
              <button
                key={i}
                type="button"
                className={i === interval ? 'active' : undefined}
                aria-pressed={i === interval}
                onClick={() => onChange(symbol, i)}
                data-testid={`interval-${i}`}
                title={`${i} (key ${INTERVALS.indexOf(i) + 1})`}
              >
                {i}
              </button>
            ))}
          </div>
          <ShortcutsHelp open={helpOpen} onOpenChange={setHelpOpen} />
          <ChartHeader symbol={symbol} info={info} />
          <span className="chart-note" data-testid="chart-note">
            {history.phase === 'loading' && 'Loading candles…'}
            {history.phase === 'ready' && history.cachedOnly && 'Cached candles — live data unavailable'}
            {history.phase === 'ready' && history.exhausted && 'Start of history'}
          </span>
        </div>
        <div className="chart-frame">
          <div
            ref={containerRef}
            className="chart-container"
            data-testid="chart-container"
            data-symbol={symbol}
            data-interval={interval}
            data-phase={history.phase}
          />
          {history.phase === 'ready' && <CrosshairLegend tickSize={tickSize} />}
          <ChartRunMarkers symbol={symbol} interval={interval} />
          <ChartFillMarkers symbol={symbol} interval={interval} />
          {history.phase === 'error' && (
            <div className="chart-overlay error" role="alert" data-testid="chart-error">
              Could not load {symbol} {interval} candles: {history.message}
            </div>
          )}
        </div>
        <ChartDrawings symbol={symbol} interval={interval} layout={layout} />
        <ChartIndicators symbol={symbol} interval={interval} layout={layout} />
        {children}
      </section>
    </ChartContext.Provider>
  );
}
