/**
 * Chart rendering benchmark: the app's ChartController (its lightweight-charts setup, candle and
 * volume series and candle-to-bar conversion, bundled by Vite from client/chart) in Debian's
 * headless chromium with 100k 1m candles. Measures time to first render — attaching the chart and
 * `reset` with 100k candles until the app's `chart:candles-painted` mark, stamped in the frame that
 * draws them (goal ≤ 500 ms, median of several fresh pages; the volume histogram, which follows a
 * frame later, is timed beside it) — and frame rate while the time scale is panned programmatically
 * every frame (goal ≥ 50 fps).
 * Run: npx tsx bench/chart.ts
 */
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import type { ChartController } from '../client/chart/chart-controller.ts';
import { CANDLES_PAINTED_MARK } from '../client/chart/chart-controller.ts';
import type { Candle } from '../shared/market/index.ts';
import { BTC_1M_FIXTURE, loadFixtureCandles } from '../shared/indicators/fixture-candles.ts';
import { launchChromium } from '../tests/e2e/harness.ts';
import { median, reportFigure } from './_figures.ts';
import { stitchCandles } from './_stitch-candles.ts';

const CANDLES = 100_000;
const RUNS = 3;
const FIRST_RENDER_GOAL_MS = 500;
const FPS_GOAL = 50;
const PAN_SECONDS = 3;

const real = loadFixtureCandles(BTC_1M_FIXTURE);
const candles = stitchCandles(real, CANDLES);
// Columns keep the transfer into the page small; the page turns them into the Candle objects the
// app holds (as parsed from the relay or IndexedDB) before timing starts.
const columns = {
  openTime: candles.map((c) => c.openTime),
  open: candles.map((c) => c.open),
  high: candles.map((c) => c.high),
  low: candles.map((c) => c.low),
  close: candles.map((c) => c.close),
  volume: candles.map((c) => c.volume),
};
console.log(`data: ${candles.length} candles stitched from the real ${real.length}-candle BTC/USDT 1m series (${BTC_1M_FIXTURE}), copies rescaled to join price-continuously`);
console.log(`load average ${loadavg().map((l) => l.toFixed(2)).join(' / ')} at start`);

const bundled = await build({
  configFile: false,
  logLevel: 'silent',
  build: { write: false, lib: { entry: fileURLToPath(new URL('./_chart-page.ts', import.meta.url)), formats: ['iife'], name: 'BenchChartPage' } },
});
const pageScript = (Array.isArray(bundled) ? bundled[0]! : bundled) as { output: { type: string; code?: string }[] };
const code = pageScript.output.find((o) => o.type === 'chunk')?.code;
if (!code) throw new Error('vite produced no chart page bundle');

type PageWindow = Window & { BenchChart: { ChartController: typeof ChartController }; benchController: ChartController };

const browser = await launchChromium();
try {
  const renders: { markMs: number; withVolumeMs: number }[] = [];
  let page = null;
  for (let run = 0; run < RUNS; run++) {
    await page?.close();
    page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.setContent('<!doctype html><html><body style="margin:0;background:#0f1320"><div id="chart" style="width:1280px;height:720px"></div></body></html>');
    await page.addScriptTag({ content: code });
    // tsx compiles the callbacks below with esbuild's keepNames, which calls a `__name` helper the page lacks.
    await page.evaluate('globalThis.__name = (fn) => fn');
    const render = await page.evaluate(
      async ({ data, mark }) => {
        const w = window as unknown as PageWindow;
        const list: Candle[] = data.openTime.map((openTime, i) => ({
          openTime,
          open: data.open[i]!,
          high: data.high[i]!,
          low: data.low[i]!,
          close: data.close[i]!,
          volume: data.volume[i]!,
          turnover: data.volume[i]! * data.close[i]!,
        }));
        const nextFrame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));
        await nextFrame();
        const painted = new Promise<number>((resolve) => {
          const observer = new PerformanceObserver((entries) => {
            const entry = entries.getEntriesByName(mark)[0];
            if (entry) {
              observer.disconnect();
              resolve(entry.startTime);
            }
          });
          observer.observe({ entryTypes: ['mark'] });
        });
        const t0 = performance.now();
        const controller = new w.BenchChart.ChartController();
        controller.attach(document.getElementById('chart')!);
        controller.reset(list, '1m');
        const markAt = await painted;
        // The volume histogram follows the candles' frame; wait until it holds every bar and is drawn.
        const volume = controller.getApi()!.volumeSeries;
        while (volume.data().length < list.length) await nextFrame();
        await nextFrame();
        w.benchController = controller;
        return { markMs: markAt - t0, withVolumeMs: performance.now() - t0 };
      },
      { data: columns, mark: CANDLES_PAINTED_MARK },
    );
    renders.push(render);
    console.log(`run ${run + 1}: attach + reset(${CANDLES} candles) to candles painted ${render.markMs.toFixed(0)} ms, volume histogram painted too at ${render.withVolumeMs.toFixed(0)} ms`);
  }
  reportFigure({ name: `chart first render, ${CANDLES / 1000}k candles painted (median of ${RUNS})`, value: median(renders.map((r) => r.markMs)), unit: 'ms', goal: FIRST_RENDER_GOAL_MS, bound: 'max' });
  console.log(`  with the volume histogram painted as well: median ${median(renders.map((r) => r.withVolumeMs)).toFixed(0)} ms (no goal of its own)`);

  for (const visibleBars of [200, 5000]) {
    const result = await page!.evaluate(
      async ({ seconds, visible, total }) => {
        const chart = (window as unknown as PageWindow).benchController.getApi()!.chart;
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
    console.log(`panning ${visibleBars} visible bars for ${PAN_SECONDS}s: frame p95 ${result.p95.toFixed(1)} ms, worst ${result.worst.toFixed(1)} ms`);
    reportFigure({ name: `chart panning, ${visibleBars} visible bars`, value: result.fps, unit: 'fps', goal: FPS_GOAL, bound: 'min' });
  }
} finally {
  await browser.close();
}
console.log(`load average ${loadavg().map((l) => l.toFixed(2)).join(' / ')} at end`);
console.log('environment: headless Debian chromium, software rendering (--disable-gpu), 2-core machine');
