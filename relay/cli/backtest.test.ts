import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BacktestReportSchema, ComparisonReportSchema, SimulationRunSchema } from '../../shared/backtest/schemas.ts';
import { UsageError, parseBacktestArgs } from './backtest-args.ts';

const CLI = fileURLToPath(new URL('./backtest.ts', import.meta.url));
// The candle files the repository ships (fixtures/candles).
const SOL_CSV = fileURLToPath(new URL('../../fixtures/candles/SOLUSDT-1h.backtesting-py.csv', import.meta.url));
const BTC_JSON = fileURLToPath(new URL('../../fixtures/candles/BTC_USDT-1m.binance-spot.anisarrar-backup.json', import.meta.url));
const BYBIT_INSTRUMENTS = fileURLToPath(new URL('../../fixtures/bybit-v5/rest/market/instruments-info.spot.json', import.meta.url));

function cli(...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], { encoding: 'utf8' });
}

describe('backtest CLI arguments', () => {
  it('parses flags into typed values', () => {
    const args = parseBacktestArgs(['--symbol', 'BTCUSDT', '--interval', '1m', '--strategy', 'ema-rsi', '--data', 'x.json', '--params', '{"fastPeriod":9}', '--slippage-bps', '5', '--json']);
    expect(args).toMatchObject({ symbol: 'BTCUSDT', interval: '1m', params: { fastPeriod: 9 }, slippageBps: 5, json: true });
  });

  it.each([
    [['--interval', '1m', '--strategy', 'ema-rsi', '--data', 'x'], /--symbol is required/],
    [['--symbol', 'BTCUSDT', '--interval', '2m', '--strategy', 'ema-rsi', '--data', 'x'], /interval must be one of/],
    [['--symbol', 'BTCUSDT', '--interval', '1m', '--strategy', 'ema-rsi', '--data', 'x', '--params', '[1]'], /--params must be a JSON object/],
    [['--symbol', 'BTCUSDT', '--interval', '1m', '--strategy', 'ema-rsi', '--data', 'x', '--taker-fee', 'abc'], /--taker-fee must be a number/],
    [['--symbol', 'BTCUSDT', '--bogus'], /Unknown option/],
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

describe('backtest CLI bounds', () => {
  it('names the flag whose value is out of bounds', () => {
    expect(() => parseBacktestArgs(['--symbol', 'BTCUSDT', '--interval', '1m', '--strategy', 'ema-rsi', '--data', 'x', '--split', '1.5'])).toThrow(/--split: /);
  });
});
