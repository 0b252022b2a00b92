/**
 * Browser benchmarks measure the built app (what users get), so they build it first. bench/run.ts
 * builds once and tells its child scripts so through the environment; a script run on its own
 * builds for itself.
 */
import { spawnSync } from 'node:child_process';

const BUILT_FLAG = 'BENCH_APP_BUILT';

export function buildAppOnce(): void {
  if (process.env[BUILT_FLAG] === '1') return;
  const started = performance.now();
  const result = spawnSync('npm', ['run', 'build', '--silent'], { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  // The build's chunk-size and plugin-timing notes are not benchmark output; they matter only on failure.
  if (result.status !== 0) throw new Error(`npm run build failed with status ${result.status}:\n${result.stdout}${result.stderr}`);
  console.log(`built the app (npm run build) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  process.env[BUILT_FLAG] = '1';
}
