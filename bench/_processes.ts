/**
 * Starts the stand-in and the relay as separate processes, so a benchmark's load generator and
 * the process under test never share an event loop (which would distort latencies).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Service {
  url: string;
  /** CPU time (user + system, ms) the process has used so far, from /proc: load-independent cost. */
  cpuMs(): number;
  stop(): Promise<void>;
}

const CLOCK_TICKS_PER_SECOND = 100;

function processCpuMs(pid: number): number {
  // /proc/<pid>/stat: fields 14 and 15 (utime, stime) in clock ticks; the command name (field 2)
  // may contain spaces, so count from the closing parenthesis.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitForHttp(url: string, child: ChildProcess, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: process exited with ${child.exitCode}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

function stopper(child: ChildProcess, cleanup: () => void = () => {}): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      const done = () => {
        cleanup();
        resolve();
      };
      if (child.exitCode !== null) return done();
      child.once('exit', done);
      child.kill('SIGTERM');
    });
}

function tsx(script: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

export async function startStandInProcess(options: { tickMs: number; synthetic: number }): Promise<Service> {
  const port = await freePort();
  const child = tsx('relay/bybit-standin/main.ts', ['--port', String(port), '--tick-ms', String(options.tickMs), '--synthetic', String(options.synthetic)], {});
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/v5/market/time`, child);
  return { url, cpuMs: () => processCpuMs(child.pid!), stop: stopper(child) };
}

/** `env` adds to or overrides the relay's settings (e.g. OPERATOR_TOKEN, paper balances). */
export async function startRelayProcess(standInUrl: string, env: NodeJS.ProcessEnv = {}): Promise<Service> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-relay-'));
  const child = tsx('relay/main.ts', [], {
    PORT: String(port),
    DATA_DIR: dataDir,
    BYBIT_ENV: 'mainnet',
    BYBIT_REST_URL: standInUrl,
    BYBIT_WS_PUBLIC_URL: `${standInUrl.replace('http', 'ws')}/v5/public/spot`,
    LOG_LEVEL: 'warn',
    ...env,
  });
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/api/v1/symbols`, child);
  return { url, cpuMs: () => processCpuMs(child.pid!), stop: stopper(child, () => rmSync(dataDir, { recursive: true, force: true })) };
}

export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}
