import { ColorType, type CandlestickSeriesPartialOptions, type ChartOptions, type DeepPartial } from 'lightweight-charts';

/**
 * The one look of every lightweight-charts instance (the chart workspace and the simulation
 * report's charts). Colours match client/app/app.css (--panel, --up, --down).
 */
export const CHART_COLORS = {
  background: '#0f1320',
  text: '#8b93a7',
  grid: '#1b2132',
  border: '#262d40',
  /** Rising candles and buys. */
  up: '#26a69a',
  /** Falling candles, sells and drawdown. */
  down: '#ef5350',
  upVolume: 'rgba(38, 166, 154, 0.45)',
  downVolume: 'rgba(239, 83, 80, 0.45)',
} as const;

/** Chart-wide options; callers add their own scale margins or offsets on top. */
export const CHART_THEME = {
  layout: {
    background: { type: ColorType.Solid, color: CHART_COLORS.background },
    textColor: CHART_COLORS.text,
    fontFamily: 'Inter, system-ui, sans-serif',
    // lightweight-charts' attribution to TradingView is shown in the app's footer instead (see AppFooter).
    attributionLogo: false,
  },
  grid: { vertLines: { color: CHART_COLORS.grid }, horzLines: { color: CHART_COLORS.grid } },
  rightPriceScale: { borderColor: CHART_COLORS.border },
  timeScale: { borderColor: CHART_COLORS.border, timeVisible: true, secondsVisible: false },
} satisfies DeepPartial<ChartOptions>;

export const CANDLESTICK_STYLE = {
  upColor: CHART_COLORS.up,
  downColor: CHART_COLORS.down,
  borderVisible: false,
  wickUpColor: CHART_COLORS.up,
  wickDownColor: CHART_COLORS.down,
} satisfies CandlestickSeriesPartialOptions;
