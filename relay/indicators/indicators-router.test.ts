import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BTC_1M_FIXTURE, loadFixtureCandles } from '../../shared/indicators/fixture-candles.ts';
import { computeIndicator, IndicatorsResponseSchema, parseIndicatorSpec, utcDayStart } from '../../shared/indicators/index.ts';
import type { IndicatorSpecInput } from '../../shared/indicators/index.ts';
import type { Candle, Interval } from '../../shared/market/index.ts';
import { listenForTest, type TestApi } from '../http/listen-for-test.ts';
import { UnknownSymbolError, UpstreamUnavailableError, type MarketGateway } from '../market/gateway.ts';
import { createIndicatorsRouter } from './indicators-router.ts';

const MINUTE = 60_000;
const fixture = loadFixtureCandles(BTC_1M_FIXTURE);
const lastOpen = fixture.at(-1)!.openTime;

/** Serves the real BTC/USDT 1m history as if Bybit had it; records the ranges asked for. */
class FixtureCandleGateway implements Pick<MarketGateway, 'getCandles'> {
  readonly requests: { from: number; to: number }[] = [];
  // The backup has no quote turnover; close × volume stands in (indicators never read it).
  private readonly candles: Candle[] = fixture.map((c) => ({ ...c, turnover: c.close * c.volume }));

  async getCandles(symbol: string, interval: Interval, from: number, to: number): Promise<Candle[]> {
    if (symbol !== 'BTCUSDT') throw new UnknownSymbolError(symbol);
    if (interval !== '1m') throw new Error(`the fixture holds 1m candles only, not ${interval}`);
    this.requests.push({ from, to });
    return this.candles.filter((c) => c.openTime >= from && c.openTime <= to);
  }
}

/** Bybit down: the one failure a fixture cannot produce. */
class UnreachableGateway implements Pick<MarketGateway, 'getCandles'> {
  async getCandles(): Promise<Candle[]> {
    throw new UpstreamUnavailableError('connect ECONNREFUSED');
  }
}

const gateway = new FixtureCandleGateway();
// The fixture's last candle is still forming at this "now".
const now = () => lastOpen + 30_000;
const servers: TestApi[] = [];
let baseUrl = '';
let unreachableUrl = '';

async function listen(candleSource: Pick<MarketGateway, 'getCandles'>): Promise<string> {
  const server = await listenForTest(createIndicatorsRouter({ gateway: candleSource, now }));
  servers.push(server);
  return server.apiUrl;
}

beforeAll(async () => {
  baseUrl = await listen(gateway);
  unreachableUrl = await listen(new UnreachableGateway());
});
afterAll(() => Promise.all(servers.map((s) => s.close())));

async function get(query: Record<string, string | number>, url = baseUrl) {
  const search = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]));
  const res = await fetch(`${url}/indicators?${search}`);
  return { status: res.status, body: (await res.json()) as unknown };
}

/** The same indicator over the whole fixture, i.e. with all the history there is. */
function fullHistory(input: IndicatorSpecInput) {
  return computeIndicator(parseIndicatorSpec(input), fixture);
}

describe('GET /api/v1/indicators', () => {
  const from = fixture[20_000]!.openTime;
  const to = fixture[20_199]!.openTime;

  it.each<IndicatorSpecInput>([
    { name: 'sma', params: { period: 50 } },
    { name: 'bb', params: { period: 20, stdDev: 2.5 } },
    { name: 'ema', params: { period: 30 } },
    { name: 'ema', params: { period: 1000 } },
    { name: 'rsi' },
    { name: 'macd' },
    { name: 'atr' },
  ])('returns %j for [from, to] with the full-history values (1e-9) from the first candle', async (spec) => {
    const { status, body } = await get({ symbol: 'BTCUSDT', interval: '1m', name: spec.name, params: JSON.stringify(spec.params ?? {}), from, to });
    expect(status).toBe(200);
    const response = IndicatorsResponseSchema.parse(body);
    expect(response.time).toHaveLength(200);
    expect(response.time[0]).toBe(from);
    expect(response.time.at(-1)).toBe(to);
    const reference = fullHistory(spec);
    const bad: string[] = [];
    for (const output of response.indicator.outputs) {
      response.values[output]!.forEach((value, i) => {
        const expected = reference.values[output]![20_000 + i]!;
        // MACD crosses zero: measured against the price it is a difference of.
        const scale = spec.name === 'macd' ? fixture[20_000 + i]!.close : Math.abs(expected);
        if (value === null || !(Math.abs(value - expected) <= 1e-9 * scale)) bad.push(`${output}[${i}] ${value} vs ${expected}`);
      });
    }
    expect(bad).toEqual([]);
    expect(response.indicator.paramsHash).toBe(reference.paramsHash);
  });

  it('answers the same value for a candle whatever `from` the request starts at', async () => {
    const query = { symbol: 'BTCUSDT', interval: '1m', name: 'rsi', to };
    const early = IndicatorsResponseSchema.parse((await get({ ...query, from })).body);
    const late = IndicatorsResponseSchema.parse((await get({ ...query, from: to - 9 * MINUTE })).body);
    const earlier = early.values.value!.slice(-10);
    late.values.value!.forEach((value, i) => expect(Math.abs(value! - earlier[i]!)).toBeLessThanOrEqual(1e-9 * earlier[i]!));
  });

  it('clamps a look-back that would start before 1970 at the epoch instead of asking Bybit for a negative start', async () => {
    const { status } = await get({ symbol: 'BTCUSDT', interval: '1m', name: 'ema', params: '{"period":50}', from: 0, to: 600_000 });
    expect(status).toBe(200);
    expect(gateway.requests.at(-1)).toEqual({ from: 0, to: 600_000 });
  });

  it('loads VWAP from the UTC midnight before `from` so the session is complete', async () => {
    const noon = utcDayStart(from) + 12 * 60 * MINUTE;
    const { status, body } = await get({ symbol: 'BTCUSDT', interval: '1m', name: 'vwap', from: noon, to: noon + 59 * MINUTE });
    expect(status).toBe(200);
    const response = IndicatorsResponseSchema.parse(body);
    expect(gateway.requests.at(-1)).toEqual({ from: utcDayStart(noon), to: noon + 59 * MINUTE });
    const reference = fullHistory({ name: 'vwap' });
    const start = fixture.findIndex((c) => c.openTime === noon);
    expect(response.values.value).toEqual(Array.from(reference.values.value!.subarray(start, start + 60)));
  });

  it('defaults to the 1000 candles up to now and leaves out the forming candle', async () => {
    const { status, body } = await get({ symbol: 'BTCUSDT', interval: '1m', name: 'sma' });
    expect(status).toBe(200);
    const response = IndicatorsResponseSchema.parse(body);
    expect(response.to).toBe(lastOpen);
    expect(response.from).toBe(lastOpen - 999 * MINUTE);
    expect(response.time).toHaveLength(999);
    expect(response.time.at(-1)).toBe(lastOpen - MINUTE);
    expect(response.indicator).toMatchObject({ name: 'sma', params: { period: 20 }, pane: 'price', outputs: ['value'] });
  });

  it.each([
    [{ name: 'smaa' }, 'name must be one of sma, ema, bb, vwap, rsi, macd, atr'],
    [{ name: 'sma', params: '{"period":0}' }, 'period must be at least 1'],
    [{ name: 'rsi', params: '{"period":1}' }, 'period must be at least 2'],
    [{ name: 'macd', params: '{"fast":30}' }, 'fast must be smaller than slow'],
    [{ name: 'sma', params: 'period=5' }, 'params must be a JSON object such as {"period":20}'],
    [{ name: 'sma', interval: '2m' }, 'interval must be one of 1m, 5m, 15m, 1h, 4h, 1d'],
    [{ name: 'sma', from: 'yesterday' }, 'from must be a Unix time in milliseconds, e.g. from=1700000000000'],
    // Number() reads each of these as a time; /candles refuses them, so /indicators must too.
    [{ name: 'sma', from: '' }, 'from must be a Unix time in milliseconds'],
    [{ name: 'sma', to: ' ' }, 'to must be a Unix time in milliseconds'],
    [{ name: 'sma', from: '0x10' }, 'from must be a Unix time in milliseconds'],
    [{ name: 'sma', from: '-60000', to: '600000' }, 'from must be a Unix time in milliseconds'],
    [{ name: 'sma', from: '1e3' }, 'from must be a Unix time in milliseconds'],
    [{ name: 'sma', from: '0', to: String(50_000 * MINUTE) }, 'the range covers 50001 1m candles'],
    [{ name: 'sma', from: '2000', to: '1000' }, 'from (2000) must not be after to (1000)'],
  ])('answers 400 with a message for %j', async (query, message) => {
    const { status, body } = await get({ symbol: 'BTCUSDT', interval: '1m', ...query });
    expect(status).toBe(400);
    expect(body).toMatchObject({ error: { code: expect.stringMatching(/^(invalid_query|invalid_range|range_too_large)$/) } });
    expect((body as { error: { message: string } }).error.message).toContain(message);
  });

  it('answers 404 for a symbol the exchange does not list', async () => {
    const { status, body } = await get({ symbol: 'NOPEUSDT', interval: '1m', name: 'sma', from, to });
    expect(status).toBe(404);
    expect(body).toMatchObject({ error: { code: 'unknown_symbol', message: 'unknown spot symbol "NOPEUSDT"' } });
  });

  it('answers 502 when Bybit sends a candle with a non-finite price', async () => {
    const poisoned = await listen({
      getCandles: async (symbol, interval, from, to) => {
        const candles = await gateway.getCandles(symbol, interval, from, to);
        return candles.map((c, i) => (i === 5 ? { ...c, close: NaN } : c));
      },
    });
    const { status, body } = await get({ symbol: 'BTCUSDT', interval: '1m', name: 'ema', from, to }, poisoned);
    expect(status).toBe(502);
    expect(body).toMatchObject({ error: { code: 'bad_upstream_data' } });
    expect((body as { error: { message: string } }).error.message).toContain('has close NaN');
  });

  it('answers 503 when Bybit cannot be reached', async () => {
    const { status, body } = await get({ symbol: 'BTCUSDT', interval: '1m', name: 'sma', from, to }, unreachableUrl);
    expect(status).toBe(503);
    expect(body).toMatchObject({ error: { code: 'upstream_unavailable' } });
  });
});
