import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiErrorSchema, INTERVAL_MS } from '../../shared/market/index.ts';
import { runTokenCommand } from '../access/token-commands.ts';
import { StreamTestClient } from '../stream/stream-test-client.ts';
import { startObservedRelay, type ObservedRelay } from './test-observed-relay.ts';

let observed: ObservedRelay;
let viewer: { authorization: string };

beforeAll(async () => {
  observed = await startObservedRelay();
  const { relay, dataDir } = observed;
  const link = runTokenCommand('viewer', { dataDir, host: '127.0.0.1', port: relay.port, operatorToken: null }, () => {});
  viewer = { authorization: `Bearer ${new URL(link).searchParams.get('token')!}` };
});

afterAll(() => observed?.close());

const scrape = async (headers: Record<string, string> = observed.auth) => {
  const res = await fetch(`${observed.relay.url}/metrics`, { headers });
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
};

/** One sample's value from Prometheus text, by its exact `name{labels}` prefix. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('GET /metrics', () => {
  it('refuses anyone but the operator with a JSON error naming the request', async () => {
    for (const [headers, status, code] of [
      [{}, 401, 'unauthenticated'],
      [{ authorization: 'Bearer not-a-token' }, 401, 'unauthenticated'],
      [viewer, 403, 'forbidden'],
    ] as const) {
      const res = await scrape(headers);
      expect(res.status).toBe(status);
      const body = ApiErrorSchema.parse(JSON.parse(res.text));
      expect(body.error.code).toBe(code);
      expect(body.error.requestId).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('serves Prometheus text with every named family after some traffic', async () => {
    const { relay } = observed;
    const to = Math.floor(Date.now() / INTERVAL_MS['1h']) * INTERVAL_MS['1h'] - 20 * INTERVAL_MS['1h'];
    expect((await fetch(`${relay.url}/api/v1/candles?symbol=BTCUSDT&interval=1h&from=${to - 3 * INTERVAL_MS['1h']}&to=${to}`)).status).toBe(200);
    expect((await fetch(`${relay.url}/api/v1/candles?symbol=NOPEUSDT&interval=1h`)).status).toBe(404);
    expect((await fetch(`${relay.url}/api/v1/simulations/abc`, { headers: observed.auth })).status).toBe(404);

    const stream = await StreamTestClient.connect(`${relay.url.replace('http', 'ws')}/api/v1/stream`, observed.auth);
    stream.send({ op: 'subscribe', topics: [{ kind: 'kline', symbol: 'BTCUSDT', interval: '1m' }] });
    await stream.next('kline');
    observed.sim.advanceTime(61_000);
    await stream.next('kline', (m) => m.closed, 5_000);

    const res = await scrape();
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^text\/plain; version=0\.0\.4/);
    const { text } = res;
    for (const family of [
      'relay_http_request_duration_seconds',
      'relay_upstream_rest_duration_seconds',
      'relay_upstream_rest_errors_total',
      'relay_ws_clients',
      'relay_ws_dropped_messages_total',
      'relay_upstream_reconnects_total',
      'relay_candle_ingestion_lag_seconds',
      'relay_simulation_duration_seconds',
      'relay_audit_chain_intact',
      'relay_bybit_public_circuit_state',
    ]) {
      expect(text, family).toContain(`# TYPE ${family} `);
    }
    // Route templates, not URLs: the run id and the query never become labels.
    expect(sample(text, 'relay_http_request_duration_seconds_count{method="GET",route="/api/v1/candles",status="200"}')).toBe(1);
    expect(sample(text, 'relay_http_request_duration_seconds_count{method="GET",route="/api/v1/candles",status="404"}')).toBe(1);
    expect(text).not.toContain('abc');
    expect(sample(text, 'relay_http_request_duration_seconds_count{method="GET",route="/api/v1/simulations/:runId",status="404"}')).toBe(1);
    expect(sample(text, 'relay_http_request_duration_seconds_count{method="GET",route="(no route)",status="401"}')).toBe(2);
    expect(sample(text, 'relay_upstream_rest_duration_seconds_count{endpoint="kline",outcome="ok"}')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'relay_ws_clients')).toBe(1);
    expect(sample(text, 'relay_ws_dropped_messages_total')).toBe(0);
    expect(sample(text, 'relay_audit_chain_intact')).toBe(1);
    expect(sample(text, 'relay_bybit_public_circuit_state')).toBe(0);
    const lag = sample(text, 'relay_candle_ingestion_lag_seconds{interval="1m"}');
    // Three minutes behind, jumped one ahead: the newest closed candle closed 1–3 minutes ago.
    expect(lag).toBeGreaterThan(60);
    expect(lag).toBeLessThan(200);
    stream.close();
  });

  it('counts orders placed and orders refused, by venue and reason, for the order error rate', async () => {
    const place = (idempotencyKey: string, qty: string) =>
      fetch(`${observed.relay.url}/api/v1/orders`, {
        method: 'POST',
        headers: { ...observed.auth, 'content-type': 'application/json' },
        body: JSON.stringify({ idempotencyKey, symbol: 'BTCUSDT', side: 'buy', type: 'market', qty, reason: 'metrics test' }),
      });
    // 1 BTC is worth far more than the 5000 USDT per-order limit: refused before anything is sent.
    expect((await place('metrics-refused', '1')).status).toBe(400);
    expect((await place('metrics-placed', '0.0001')).status).toBe(201);
    // The same key and body again is answered from the store: nothing placed a second time.
    expect((await place('metrics-placed', '0.0001')).status).toBe(200);

    const { text } = await scrape();
    expect(sample(text, 'relay_orders_placed_total{venue="paper"}')).toBe(1);
    expect(sample(text, 'relay_order_errors_total{venue="paper",outcome="refused",reason="max_notional_exceeded"}')).toBe(1);
  });

  it('counts every reconnect of the upstream stream', async () => {
    const { sim } = observed;
    const reconnects = async () => sample((await scrape()).text, 'relay_upstream_reconnects_total') ?? 0;
    const before = await reconnects();
    sim.dropConnections();
    const deadline = Date.now() + 10_000;
    while ((await reconnects()) === before && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await reconnects()).toBeGreaterThan(before);
  });
});
