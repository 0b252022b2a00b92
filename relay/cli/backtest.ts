/**
 * `npm run backtest -- --symbol BTCUSDT --interval 1m --strategy ema-rsi --data <file>`: runs the
 * shared backtest engine (the same one the browser workers run) over a candle file and prints the
 * report with its assumptions; with `--candidate` it prints the baseline-vs-candidate verdict.
 * Bad arguments or data exit with code 2 and a message saying what a good value looks like.
 */
import { readFileSync } from 'node:fs';
import {
  BacktestConfigSchema,
  ComparisonConfigSchema,
  backtestReport,
  CandleFileError,
  checkCandleSpacing,
  compareParams,
  describeGaps,
  parseCandleFile,
  simulationRunOf,
} from '../../shared/backtest/index.ts';
import type { BacktestReport, CandleColumns, ComparisonReport, Metrics } from '../../shared/backtest/index.ts';
import { InstrumentRulesSchema, strategyEntry, type InstrumentRules } from '../../shared/strategy/index.ts';
import { decimalsOf } from '../../shared/strategy/decimal-step.ts';
import { toMarketSymbol } from '../exchange/bybit-normalize.ts';
import { SpotInstrumentsResultSchema, restSuccessSchema } from '../exchange/bybit-wire.ts';
import { REAL_SYMBOLS } from '../bybit-standin/history/real-symbols.ts';
import { USAGE, parseBacktestArgs, type BacktestArgs } from './backtest-args.ts';

/** Bad input that is not a flag problem (unreadable file, unknown symbol): no usage dump needed. */
class InputError extends Error {
  override name = 'InputError';
}

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read ${what} "${path}": ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

function readCandles(path: string): CandleColumns {
  const text = readText(path, 'data file');
  try {
    return parseCandleFile(text, path);
  } catch (error) {
    if (error instanceof CandleFileError) throw new InputError(`data file "${path}": ${error.message}`);
    throw error;
  }
}

function loadInstrument(path: string, symbol: string): InstrumentRules {
  let body: unknown;
  try {
    body = JSON.parse(readText(path, 'instruments file'));
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`instruments file "${path}" is not JSON`);
  }
  const parsed = restSuccessSchema(SpotInstrumentsResultSchema).safeParse(body);
  if (!parsed.success) throw new InputError(`instruments file "${path}" is not a Bybit spot instruments-info body`);
  const found = parsed.data.result.list.find((i) => i.symbol === symbol);
  if (!found) {
    const known = parsed.data.result.list.map((i) => i.symbol).slice(0, 10).join(', ');
    throw new InputError(`symbol ${symbol} is not in "${path}" (it lists e.g. ${known})`);
  }
  return InstrumentRulesSchema.parse(toMarketSymbol(found));
}

/** Without --instruments: the rules the stand-in ships for its real-data symbols, so the repo alone suffices. */
function shippedInstrument(symbol: string): InstrumentRules {
  const real = REAL_SYMBOLS.find((r) => r.spec.symbol === symbol);
  if (!real) {
    const shipped = REAL_SYMBOLS.map((r) => r.spec.symbol).join(', ');
    throw new InputError(`no shipped instrument rules for ${symbol} (shipped: ${shipped}); pass --instruments <Bybit spot instruments-info JSON>`);
  }
  return InstrumentRulesSchema.parse(real.spec);
}

const pct = (x: number | null) => (x === null ? 'n/a' : `${(x * 100).toFixed(2)}%`);
const num = (x: number | null, digits = 2) => (x === null ? 'n/a' : x.toFixed(digits));
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

function metricsLines(m: Metrics): string[] {
  return [
    `  net return ${pct(m.netReturn)}   max drawdown ${pct(m.maxDrawdown)}   sharpe (annualised from per-candle returns) ${num(m.sharpe)}`,
    `  trades ${m.tradeCount}   win rate ${pct(m.winRate)}   profit factor ${num(m.profitFactor)}   exposure ${pct(m.exposure)}`,
    `  fees paid ${num(m.feesPaid)}   final equity ${num(m.finalEquity)}   rejected orders ${m.rejectedOrders}`,
  ];
}

function printReport(report: BacktestReport, tradesToList: number): void {
  const { assumptions: a, dataset: d } = report;
  // Prices are on the tick grid: print them with the tick's decimals, e.g. 0.0001 for XRPETH.
  const price = (x: number | null) => (x === null ? 'n/a' : x.toFixed(decimalsOf(a.instrument.tickSize)));
  const lines = [
    `${report.strategy.id}@${report.strategy.version} on ${report.symbol} ${report.interval}, ${d.candles} candles ${iso(d.from)} .. ${iso(d.to)} (${d.hash})`,
    `gaps: ${describeGaps(report.gaps, report.interval)}`,
    `params ${JSON.stringify(report.params)}`,
    `assumptions: start ${a.initialQuote} quote; maker ${pct(a.makerFee)}, taker ${pct(a.takerFee)}, slippage ${a.slippageBps} bps; ` +
      `tick ${a.instrument.tickSize}, lot ${a.instrument.basePrecision}, minQty ${a.instrument.minOrderQty}, minAmt ${a.instrument.minOrderAmt}`,
    `fill model: ${a.fillModel}`,
    'metrics:',
    ...metricsLines(report.metrics),
    `buy and hold (same start, taker fee and slippage): net return ${pct(report.buyAndHold.netReturn)}   max drawdown ${pct(report.buyAndHold.maxDrawdown)}`,
  ];
  if (tradesToList > 0 && report.trades.length > 0) {
    lines.push(`last ${Math.min(tradesToList, report.trades.length)} of ${report.trades.length} trades:`);
    for (const t of report.trades.slice(-tradesToList)) {
      const exit = t.exitTime === null ? 'open' : `${iso(t.exitTime)} @ ${price(t.exitPrice)}`;
      lines.push(`  ${iso(t.entryTime)} @ ${price(t.entryPrice)} -> ${exit}  qty ${t.qty}  fees ${num(t.fees, 4)}  pnl ${num(t.pnl)} (${pct(t.returnPct)})${t.exitTag === null ? '' : `  exit: ${t.exitTag}`}`);
    }
  }
  console.log(lines.join('\n'));
}

function printComparison(report: ComparisonReport): void {
  const lines = [
    `compare ${report.strategy.id}@${report.strategy.version} on ${report.symbol} ${report.interval} (${report.dataset.hash}), split at ${iso(report.splitTime)}`,
    `gaps: ${describeGaps(report.gaps, report.interval)}`,
    `baseline  ${JSON.stringify(report.baselineParams)}`,
    `candidate ${JSON.stringify(report.candidateParams)}`,
    'out-of-sample baseline:',
    ...metricsLines(report.outOfSample.baseline),
    'out-of-sample candidate:',
    ...metricsLines(report.outOfSample.candidate),
    'walk-forward (rolling; fitted params on each unseen test window):',
    ...report.walkForward.windows.map(
      (w, i) => `  ${i + 1}. train ${iso(w.train.from)} .. ${iso(w.train.to)}, test ${iso(w.test.from)} .. ${iso(w.test.to)}: fitted ${JSON.stringify(w.fittedParams)} ${report.config.score} in-sample ${num(w.inSample[report.config.score])}, out-of-sample ${num(w.outOfSample[report.config.score])}`,
    ),
    `VERDICT: ${report.verdict.toUpperCase()}${report.overfitting ? ' (overfitting flagged)' : ''}${report.walkForward.overfitting ? ' (walk-forward overfitting flagged)' : ''}`,
    ...report.reasons.map((r) => `  - ${r}`),
  ];
  console.log(lines.join('\n'));
}

async function run(args: BacktestArgs): Promise<void> {
  const entry = strategyEntry(args.strategy);
  const baseline = entry.bind(args.params ?? {});
  const instrument = args.instruments === undefined ? shippedInstrument(args.symbol) : loadInstrument(args.instruments, args.symbol);
  const cols = readCandles(args.data);
  // Checked here as well as in the report so the refusal names the flag to fix.
  const gaps = checkCandleSpacing(cols, args.interval, '--interval');
  if (gaps.count > 0) console.error(`backtest: warning: ${args.data}: ${describeGaps(gaps, args.interval)}`);
  const config = BacktestConfigSchema.parse({
    symbol: args.symbol,
    interval: args.interval,
    instrument,
    initialQuote: args.cash,
    makerFee: args.makerFee,
    takerFee: args.takerFee,
    slippageBps: args.slippageBps,
    recordSeries: false,
  });
  if (args.candidate) {
    const candidate = entry.bind({ ...(args.params ?? {}), ...args.candidate });
    const cmp = ComparisonConfigSchema.parse({ inSampleFraction: args.split, kFolds: args.kFolds, walkForward: { windows: args.wfWindows } });
    const comparison = await compareParams(cols, entry, baseline.params, candidate.params, config, cmp);
    if (args.json) {
      const { report } = await backtestReport(cols, candidate, config);
      console.log(JSON.stringify({ comparison, simulationRun: simulationRunOf(report, comparison.verdict, comparison.reasons) }, null, 2));
    } else printComparison(comparison);
    return;
  }
  const { report } = await backtestReport(cols, baseline, config);
  if (args.json) console.log(JSON.stringify({ report, simulationRun: simulationRunOf(report) }, null, 2));
  else printReport(report, args.trades ?? 10);
}

try {
  const args = parseBacktestArgs(process.argv.slice(2));
  if (args === 'help') console.log(USAGE);
  else await run(args);
} catch (error) {
  const err = error as Error;
  const isInput = ['UsageError', 'InputError', 'InvalidParamsError', 'UnknownStrategyError', 'CandleSpacingError', 'ZodError'].includes(err.name);
  console.error(`backtest: ${err.message}`);
  if (err.name === 'UsageError') console.error(`\n${USAGE}`);
  process.exit(isInput ? 2 : 1);
}
