/**
 * `npm run bench`: runs every benchmark script in sequence, each in its own process so one
 * benchmark's heap and JIT state cannot skew the next. Each script prints its own figures; the
 * ones with a goal (reported through bench/_figures.ts) are gathered into a closing summary with
 * their goal, ratio and whether it is met, beside the machine's load average.
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { buildAppOnce } from './_app-build.ts';
import { describeFigure, FIGURE_PREFIX, FigureSchema, meetsGoal, type Figure } from './_figures.ts';

const benchDir = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const scripts = readdirSync(benchDir)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.endsWith('.test.ts') && !f.startsWith('_'))
  .filter((f) => only.length === 0 || only.some((name) => f.startsWith(name)))
  .sort();

const load = () => loadavg().map((l) => l.toFixed(2)).join(' / ');
const started = performance.now();
console.log(`load average ${load()} (1 / 5 / 15 min) at start`);
// The chart-navigation benchmark measures the built app; build it once for every script.
if (scripts.some((s) => s.startsWith('chart-navigation'))) buildAppOnce();

function runScript(script: string): Promise<{ status: number | null; figures: Figure[] }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--expose-gc', join(benchDir, script)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const figures: Figure[] = [];
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.startsWith(FIGURE_PREFIX)) figures.push(FigureSchema.parse(JSON.parse(line.slice(FIGURE_PREFIX.length))));
      else console.log(line);
    });
    child.on('close', (status) => resolve({ status, figures }));
  });
}

let failed = 0;
const summary: { script: string; figure: Figure }[] = [];
for (const script of scripts) {
  console.log(`\n=== ${script} ===`);
  const result = await runScript(script);
  if (result.status !== 0) {
    failed++;
    console.log(`${script} FAILED (exit ${result.status})`);
  }
  for (const figure of result.figures) summary.push({ script, figure });
}

const met = summary.filter((s) => meetsGoal(s.figure)).length;
console.log(`\n=== summary: ${met} of ${summary.length} goals met, ${failed} script(s) failed, ${((performance.now() - started) / 1000).toFixed(0)} s ===`);
for (const { script, figure } of summary) console.log(`${meetsGoal(figure) ? 'met    ' : 'NOT met'}  [${script}] ${describeFigure(figure)}`);
console.log(`load average ${load()} (1 / 5 / 15 min) at end, ${cpus().length} CPUs`);
process.exit(failed === 0 ? 0 : 1);
