/**
 * Chart rendering benchmark: lightweight-charts' standalone build in Debian's headless chromium
 * with 100k 1m candles. Measures time to first render (goal ≤ 500 ms) and frame rate while the
 * time scale is panned programmatically every frame (goal ≥ 50 fps).
 * Run: npx tsx bench/chart.ts
 */
import { fileURLToPath } from 'node:url';
import { BTC_1M_FIXTURE, loadFixtureCandles } from '../shared/indicators/fixture-candles.ts';
import type * as Lwc from 'lightweight-charts';
import type { IChartApi } from 'lightweight-charts';
import { launchChromium } from '../tests/e2e/harness.ts';
import { stitchCandles } from './_stitch-candles.ts';

const CANDLES = 100_000;
const FIRST_RENDER_GOAL_MS = 500;
const FPS_GOAL = 50;
const PAN_SECONDS = 3;

const real = loadFixtureCandles(BTC_1M_FIXTURE);
const candles = stitchCandles(real, CANDLES);
// Columns keep the transfer into the page small; bars are built in the page before timing starts.
const columns = {
  time: candles.map((c) => c.openTime / 1000),
  open: candles.map((c) => c.open),
  high: candles.map((c) => c.high),
  low: candles.map((c) => c.low),
  close: candles.map((c) => c.close),
  volume: candles.map((c) => c.volume),
};
console.log(`data: ${candles.length} candles stitched from the real ${real.length}-candle BTC/USDT 1m series (${BTC_1M_FIXTURE}), copies rescaled to join price-continuously`);

// Not in the package's exports map, so addressed by path.
const standalone = fileURLToPath(new URL('../node_modules/lightweight-charts/dist/lightweight-charts.standalone.production.js', import.meta.url));
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.setContent('<!doctype html><html><body style="margin:0;background:#0f1320"><div id="chart" style="width:1280px;height:720px"></div></body></html>');
  await page.addScriptTag({ path: standalone });
  // tsx compiles the callbacks below with esbuild's keepNames, which calls a `__name` helper the page lacks.
  await page.evaluate('globalThis.__name = (fn) => fn');

  const firstRender = await page.evaluate(async (data) => {
    const LightweightCharts = (window as unknown as { LightweightCharts: typeof Lwc }).LightweightCharts;
    const bars = data.time.map((time, i) => ({ time, open: data.open[i]!, high: data.high[i]!, low: data.low[i]!, close: data.close[i]! }));
    const volumes = data.time.map((time, i) => ({ time, value: data.volume[i]! }));
    const nextFrame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));
    await nextFrame();
    const t0 = performance.now();
    const chart = LightweightCharts.createChart(document.getElementById('chart')!, { width: 1280, height: 720 });
    const candlesSeries = chart.addSeries(LightweightCharts.CandlestickSeries, {});
    const volumeSeries = chart.addSeries(LightweightCharts.HistogramSeries, { priceScaleId: 'volume' });
    chart.priceScale('volume').applyOptions({ scaleMargins: { top: 0.8, bottom: 0 } });
    candlesSeries.setData(bars as never);
    volumeSeries.setData(volumes as never);
    const dataMs = performance.now() - t0;
    // The chart paints in its own animation frame; the second frame after setData has it on screen.
    await nextFrame();
    await nextFrame();
    const totalMs = performance.now() - t0;
    Object.assign(window, { benchChart: chart });
    return { totalMs, dataMs };
  }, columns);
  const ms = firstRender.totalMs;
  console.log(
    `time to first render (createChart + setData of ${CANDLES} candles + volume, to painted frame): ${ms.toFixed(0)} ms, of which createChart+setData ${firstRender.dataMs.toFixed(0)} ms — goal ≤ ${FIRST_RENDER_GOAL_MS} ms: ${ms <= FIRST_RENDER_GOAL_MS ? 'met' : 'NOT met'}`,
  );

  for (const visibleBars of [200, 5000]) {
    const result = await page.evaluate(
      async ({ seconds, visible, total }) => {
        const chart = (window as unknown as { benchChart: IChartApi }).benchChart;
        const ts = chart.timeScale();
        let from = total - visible - 20_000;
        ts.setVisibleLogicalRange({ from, to: from + visible });
        const frames: number[] = [];
        await new Promise<void>((resolve) => {
          const start = performance.now();
          const step = (now: number) => {
            frames.push(now);
            // Pan a few bars per frame, like a steady drag.
            from += Math.max(1, visible / 200);
            ts.setVisibleLogicalRange({ from, to: from + visible });
            if (now - start < seconds * 1000) requestAnimationFrame(step);
            else resolve();
          };
          requestAnimationFrame(step);
        });
        const gaps = frames.slice(1).map((t, i) => t - frames[i]!).sort((a, b) => a - b);
        return { fps: (frames.length - 1) / ((frames.at(-1)! - frames[0]!) / 1000), p95: gaps[Math.floor(gaps.length * 0.95)]!, worst: gaps.at(-1)! };
      },
      { seconds: PAN_SECONDS, visible: visibleBars, total: CANDLES },
    );
    console.log(
      `panning ${visibleBars} visible bars for ${PAN_SECONDS}s: ${result.fps.toFixed(1)} fps (frame p95 ${result.p95.toFixed(1)} ms, worst ${result.worst.toFixed(1)} ms) — goal ≥ ${FPS_GOAL} fps: ${result.fps >= FPS_GOAL ? 'met' : 'NOT met'}`,
    );
  }
} finally {
  await browser.close();
}
console.log('environment: headless Debian chromium, software rendering (--disable-gpu), 2-core machine');
