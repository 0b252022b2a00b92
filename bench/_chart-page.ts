/**
 * The page script of bench/chart.ts: the app's own ChartController (and so its lightweight-charts
 * setup and candle-to-bar conversion), bundled by Vite for a bare page.
 */
import { ChartController } from '../client/chart/chart-controller.ts';

Object.assign(window, { BenchChart: { ChartController } });
