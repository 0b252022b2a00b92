import { formatRoute } from '../app/route.ts';
import { chooseChartRun } from './chart-run-choice.ts';
import type { StoredRun } from './simulation-db.ts';

/** Marks the run's trades on the main chart and opens that chart at the run's market. */
export function ShowOnChartButton({ run }: { run: StoredRun }) {
  if (run.trades === undefined) return null;
  return (
    <button
      type="button"
      data-testid="sim-show-on-chart"
      data-run-id={run.runId}
      onClick={() => {
        chooseChartRun(run.runId);
        window.location.hash = formatRoute({ view: 'chart', symbol: run.run.symbol, interval: run.run.interval });
      }}
    >
      Show on chart
    </button>
  );
}
