/**
 * One way for every benchmark to state a figure against its goal. The figure is printed for people
 * and also written as one `@@figure <json>` line that bench/run.ts collects into the closing
 * summary, so the goals are stated in one place per benchmark and the summary cannot drift from them.
 */
import { z } from 'zod';

export const FIGURE_PREFIX = '@@figure ';

export const FigureSchema = z.object({
  name: z.string().min(1),
  value: z.number(),
  unit: z.string(),
  goal: z.number().positive(),
  /** `max`: the value must stay at or below the goal (latency); `min`: at or above it (throughput). */
  bound: z.enum(['max', 'min']),
});
export type Figure = z.infer<typeof FigureSchema>;

export function meetsGoal(figure: Figure): boolean {
  return figure.bound === 'max' ? figure.value <= figure.goal : figure.value >= figure.goal;
}

export function describeFigure(figure: Figure): string {
  const sign = figure.bound === 'max' ? '≤' : '≥';
  const digits = Math.abs(figure.value) >= 100 ? 0 : Math.abs(figure.value) >= 10 ? 1 : Math.abs(figure.value) >= 1 ? 2 : 3;
  return `${figure.name}: ${figure.value.toFixed(digits)} ${figure.unit} — goal ${sign} ${figure.goal} ${figure.unit}, ratio ${(figure.value / figure.goal).toFixed(2)}: ${meetsGoal(figure) ? 'met' : 'NOT met'}`;
}

export function reportFigure(figure: Figure): void {
  console.log(`  ${describeFigure(figure)}`);
  console.log(FIGURE_PREFIX + JSON.stringify(FigureSchema.parse(figure)));
}

/** Middle value (mean of the two middle ones for an even count); repeated runs are summarised by it. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
