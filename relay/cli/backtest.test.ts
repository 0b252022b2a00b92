import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BacktestReportSchema, ComparisonReportSchema, SimulationRunSchema } from '../../shared/backtest/schemas.ts';
import { UsageError, parseBacktestArgs } from './backtest-args.ts';

const CLI = fileURLToPath(new URL('./backtest.ts', import.meta.url));
// The candle files the repository ships (fixtures/candles).
const SOL_CSV = fileURLToPath(new URL('../../fixtures/candles/SOLUSDT-1h.backtesting-py.csv', import.meta.url));
const BTC_JSON = fileURLToPath(new URL('../../fixtures/candles/BTC_USDT-1m.binance-spot.anisarrar-backup.json', import.meta.url));
const XRP_ETH_JSON = fileURLToPath(new URL('../../fixtures/candles/XRP_ETH-1m.freqtrade.json', import.meta.url));
const BYBIT_INSTRUMENTS = fileURLToPath(new URL('../../fixtures/bybit-v5/rest/market/instruments-info.spot.json', import.meta.url));

function cli(...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], { encoding: 'utf8' });
}

describe('backtest CLI arguments', () => {
  it('parses flags into typed values', () => {
    const args = parseBacktestArgs(['--symbol', 'BTCUSDT', '--interval', '1m', '--strategy', 'ema-rsi', '--data', 'x.json', '--params', '{"fastPeriod":9}', '--slippage-bps', '5', '--json']);
    expect(args).toMatchObject({ symbol: 'BTCUSDT', interval: '1m', params: { fastPeriod: 9 }, slippageBps: 5, json: true });
  });

  it.each([['--help'], ['-h'], ['--symbol', 'BTCUSDT', '--help']])('asks for the usage text with %j', (...argv) => {
    expect(parseBacktestArgs(argv)).toBe('help');
  });

  it.each([
    [['--interval', '1m', '--strategy', 'ema-rsi', '--data', 'x'], /--symbol is required/],
    [['--symbol', 'BTCUSDT', '--interval', '2m', '--strategy', 'ema-rsi', '--data', 'x'], /interval must be one of/],
    [['--symbol', 'BTCUSDT', '--interval', '1m', '--strategy', 'ema-rsi', '--data', 'x', '--params', '[1]'], /--params must be a JSON object/],
    [['--symbol', 'BTCUSDT', '--interval', '1m', '--strategy', 'ema-rsi', '--data', 'x', '--taker-fee', 'abc'], /--taker-fee must be a number/],
    [['--symbol', 'BTCUSDT', '--bogus'], /Unknown option/],
    [['--symbol', 'BTCUSDT', '--interval', '1m', '--strategy', 'ema-rsi', '--data', 'x', '--json=1'], /--json/],
  ])('rejects %j', (argv, message) => {
    expect(() => parseBacktestArgs(argv)).toThrow(UsageError);
    expect(() => parseBacktestArgs(argv)).toThrow(message);
  });
});

// Each case spawns a Node process with the tsx loader; allow for a busy machine.
describe('backtest CLI process', { timeout: 60_000 }, () => {
  it('prints a JSON report and SimulationRun for a real data file', () => {
    const out = cli('--symbol', 'BTCUSDT', '--interval', '1h', '--strategy', 'bollinger-reversion', '--data', SOL_CSV, '--json');
    expect(out.status).toBe(0);
    const parsed = JSON.parse(out.stdout) as { report: unknown; simulationRun: unknown };
    const report = BacktestReportSchema.parse(parsed.report);
    expect(report.dataset.candles).toBe(1000);
    expect(report.assumptions.takerFee).toBe(0.001);
    expect(SimulationRunSchema.parse(parsed.simulationRun).verdict).toBeNull();
  });

  it('uses the shipped instrument rules without --instruments, and a Bybit instruments-info body with it', () => {
    const shipped = cli('--symbol', 'SOLUSDT', '--interval', '1h', '--strategy', 'ema-rsi', '--data', SOL_CSV, '--json');
    expect(shipped.status).toBe(0);
    const shippedRules = BacktestReportSchema.parse((JSON.parse(shipped.stdout) as { report: unknown }).report).assumptions.instrument;
    expect(shippedRules).toMatchObject({ symbol: 'SOLUSDT', tickSize: '0.01', basePrecision: '0.001', minOrderAmt: '5' });

    const unshipped = cli('--symbol', 'ETHUSDT', '--interval', '1h', '--strategy', 'ema-rsi', '--data', SOL_CSV);
    expect(unshipped.status).toBe(2);
    expect(unshipped.stderr).toMatch(/no shipped instrument rules for ETHUSDT \(shipped: BTCUSDT, SOLUSDT/);

    // The captured Bybit body lists BTCUSDT only: SOLUSDT is refused once the file is given.
    const fromBybit = cli('--symbol', 'BTCUSDT', '--interval', '1h', '--strategy', 'ema-rsi', '--data', SOL_CSV, '--instruments', BYBIT_INSTRUMENTS, '--json');
    expect(fromBybit.status).toBe(0);
    expect(BacktestReportSchema.parse((JSON.parse(fromBybit.stdout) as { report: unknown }).report).assumptions.instrument.symbol).toBe('BTCUSDT');
    const notInFile = cli('--symbol', 'SOLUSDT', '--interval', '1h', '--strategy', 'ema-rsi', '--data', SOL_CSV, '--instruments', BYBIT_INSTRUMENTS);
    expect(notInFile.status).toBe(2);
    expect(notInFile.stderr).toMatch(/symbol SOLUSDT is not in/);
  });

  it('prints a comparison verdict with --candidate', () => {
    const out = cli('--symbol', 'BTCUSDT', '--interval', '1m', '--strategy', 'donchian-atr', '--data', BTC_JSON, '--candidate', '{"atrMultiple":4}', '--json');
    expect(out.status).toBe(0);
    const parsed = JSON.parse(out.stdout) as { comparison: unknown; simulationRun: unknown };
    const comparison = ComparisonReportSchema.parse(parsed.comparison);
    expect(SimulationRunSchema.parse(parsed.simulationRun).verdict).toBe(comparison.verdict);
  });

  it('exits with code 2 and a clear message on bad input', () => {
    const unknown = cli('--symbol', 'BTCUSDT', '--interval', '1m', '--strategy', 'nope', '--data', BTC_JSON);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/unknown strategy "nope"; expected one of ema-rsi/);
    const missing = cli('--symbol', 'BTCUSDT', '--interval', '1m', '--strategy', 'ema-rsi', '--data', '/no/such/file.json');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/cannot read data file/);
  });
});

describe('backtest CLI hardening', { timeout: 60_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'backtest-cli-'));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('prints the usage and exits 0 on --help', () => {
    const out = cli('--help');
    expect(out.status).toBe(0);
    expect(out.stdout).toMatch(/^usage: npm run backtest/);
    expect(out.stderr).toBe('');
  });

  it('refuses an unknown params key instead of running the defaults', () => {
    const out = cli('--symbol', 'SOLUSDT', '--interval', '1h', '--strategy', 'ema-rsi', '--data', SOL_CSV, '--params', '{"fastPeriode":9}');
    expect(out.status).toBe(2);
    expect(out.stderr).toMatch(/unknown param "fastPeriode"; valid params: fastPeriod, slowPeriod/);
    const candidate = cli('--symbol', 'SOLUSDT', '--interval', '1h', '--strategy', 'ema-rsi', '--data', SOL_CSV, '--candidate', '{"slowPeriode":40}');
    expect(candidate.status).toBe(2);
    expect(candidate.stderr).toMatch(/unknown param "slowPeriode"/);
  });

  it('refuses candles whose spacing is not --interval, and timestamps in seconds', () => {
    const wrong = cli('--symbol', 'SOLUSDT', '--interval', '1m', '--strategy', 'ema-rsi', '--data', SOL_CSV);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toMatch(/^backtest: candles are 1h apart but --interval is 1m$/m);
    const rows = JSON.parse(readFileSync(BTC_JSON, 'utf8')) as number[][];
    const seconds = file('seconds.json', JSON.stringify(rows.slice(0, 500).map(([t, ...ohlcv]) => [t! / 1000, ...ohlcv])));
    const out = cli('--symbol', 'BTCUSDT', '--interval', '1m', '--strategy', 'ema-rsi', '--data', seconds);
    expect(out.status).toBe(2);
    expect(out.stderr).toMatch(/timestamps look like seconds, expected milliseconds/);
  });

  it('reports gaps on stderr and in the JSON report', () => {
    const lines = readFileSync(SOL_CSV, 'utf8').split('\n');
    // Drop data lines 100..102 (three missing hours) and 500 (one).
    const holed = file('holed.csv', lines.filter((_, i) => ![101, 102, 103, 501].includes(i)).join('\n'));
    const out = cli('--symbol', 'SOLUSDT', '--interval', '1h', '--strategy', 'ema-rsi', '--data', holed, '--json');
    expect(out.status).toBe(0);
    expect(out.stderr).toMatch(/warning: .*holed\.csv: 2 gaps, 4 candles missing; largest 3 x 1h after /);
    const report = BacktestReportSchema.parse((JSON.parse(out.stdout) as { report: unknown }).report);
    expect(report.gaps).toMatchObject({ count: 2, missingCandles: 4, largest: { missing: 3 } });
  });

  it('diagnoses an empty file and a .json file that is not JSON', () => {
    const empty = cli('--symbol', 'SOLUSDT', '--interval', '1h', '--strategy', 'ema-rsi', '--data', file('empty.json', ''));
    expect(empty.status).toBe(2);
    expect(empty.stderr).toMatch(/data file ".*empty\.json": the data file is empty/);
    const csvInJson = cli('--symbol', 'SOLUSDT', '--interval', '1h', '--strategy', 'ema-rsi', '--data', file('sol.json', readFileSync(SOL_CSV, 'utf8')));
    expect(csvInJson.status).toBe(2);
    expect(csvInJson.stderr).toMatch(/JSON expected .*but the file starts with "timestamp,Open,High/);
  });

  it("prints trade prices with the tick's decimals", () => {
    // XRPETH trades near 0.0015 ETH on a 0.00000001 tick: two decimals would print 0.00.
    const out = cli('--symbol', 'XRPETH', '--interval', '1m', '--strategy', 'ema-rsi', '--data', XRP_ETH_JSON, '--cash', '1', '--trades', '5');
    expect(out.status).toBe(0);
    const prices = [...out.stdout.matchAll(/ @ (\S+)/g)].map((m) => m[1]!);
    expect(prices.length).toBeGreaterThan(0);
    for (const p of prices) expect(p).toMatch(/^0\.00\d{6}$/);
  });
});

describe('backtest CLI bounds', () => {
  it('names the flag whose value is out of bounds', () => {
    expect(() => parseBacktestArgs(['--symbol', 'BTCUSDT', '--interval', '1m', '--strategy', 'ema-rsi', '--data', 'x', '--split', '1.5'])).toThrow(/--split: /);
  });
});
