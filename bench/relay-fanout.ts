/**
 * Tick fan-out: the stand-in pushes 20 symbols × 10 msg/s; 100 browser-like WebSocket clients each
 * subscribe to all 20 tickers through the relay. Latency = client receive time − the exchange push
 * timestamp (`ts`, stamped by the stand-in as it sends), so it includes the stand-in→relay
 * loopback hop and is an upper bound on the relay's added latency. Goal: p99 ≤ 50 ms.
 */
import WebSocket from 'ws';
import { reportFigure } from './_figures.ts';
import { percentile, startRelayProcess, startStandInProcess } from './_processes.ts';

const CLIENTS = 100;
const SYMBOLS = 20;
const TICK_MS = 100;
const WARMUP_MS = 3_000;
const MEASURE_MS = 10_000;

const sim = await startStandInProcess({ tickMs: TICK_MS, synthetic: SYMBOLS });
const relay = await startRelayProcess(sim.url);
try {
  const { symbols } = (await (await fetch(`${relay.url}/api/v1/symbols`)).json()) as { symbols: { symbol: string }[] };
  const topics = symbols
    .map((s) => s.symbol)
    .filter((s) => s.startsWith('SIM'))
    .slice(0, SYMBOLS)
    .map((symbol) => ({ kind: 'ticker' as const, symbol }));
  if (topics.length !== SYMBOLS) throw new Error(`expected ${SYMBOLS} synthetic symbols, got ${topics.length}`);

  const latencies: number[] = [];
  let measuring = false;
  let received = 0;
  const wsUrl = `${relay.url.replace('http', 'ws')}/api/v1/stream`;
  const clients = await Promise.all(
    Array.from({ length: CLIENTS }, () => new Promise<WebSocket>((resolve, reject) => {
      const socket = new WebSocket(wsUrl);
      socket.on('open', () => {
        socket.send(JSON.stringify({ op: 'subscribe', topics }));
        resolve(socket);
      });
      socket.on('error', reject);
      socket.on('message', (data) => {
        const now = Date.now();
        if (!measuring) return;
        // 100 browser tabs would parse in 100 processes; one load generator doing it for all of
        // them would measure itself, so it reads only what the latency needs.
        const message = JSON.parse(data.toString()) as { type: string; ticker?: { ts: number } };
        if (message.type !== 'ticker' || !message.ticker) return;
        received++;
        latencies.push(now - message.ticker.ts);
      });
    })),
  );

  await new Promise((r) => setTimeout(r, WARMUP_MS));
  measuring = true;
  await new Promise((r) => setTimeout(r, MEASURE_MS));
  measuring = false;
  const open = clients.filter((c) => c.readyState === WebSocket.OPEN).length;
  for (const c of clients) c.close();

  const sorted = Float64Array.from(latencies).sort();
  const expected = CLIENTS * SYMBOLS * (1000 / TICK_MS) * (MEASURE_MS / 1000);
  const p99 = percentile(sorted, 99);
  console.log(`tick fan-out: ${CLIENTS} clients × ${SYMBOLS} symbols × ${1000 / TICK_MS} msg/s, ${MEASURE_MS / 1000} s measured`);
  console.log(`  messages received   ${received} of ~${expected} expected (${((received / expected) * 100).toFixed(1)}%), clients still open ${open}/${CLIENTS}`);
  console.log(`  latency push→client p50 ${percentile(sorted, 50)} ms, p99 ${p99} ms, max ${sorted[sorted.length - 1]} ms`);
  reportFigure({ name: 'tick fan-out latency p99', value: p99, unit: 'ms', goal: 50, bound: 'max' });
} finally {
  await relay.stop();
  await sim.stop();
}
