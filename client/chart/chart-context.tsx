import { createContext, useContext, useSyncExternalStore } from 'react';
import type { ChartApi, ChartController } from './chart-controller.ts';

export const ChartContext = createContext<ChartController | null>(null);

/** For features layered on the chart (indicators, drawings, markers); null until the chart mounts. */
export function useChartApi(): ChartApi | null {
  const controller = useContext(ChartContext);
  if (!controller) throw new Error('useChartApi must be used inside <ChartWorkspace>');
  return useSyncExternalStore(controller.subscribe, controller.getApi);
}
