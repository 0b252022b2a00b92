import { parseArgs } from 'node:util';
import { z } from 'zod';
import { IntervalSchema } from '../../shared/market/interval.ts';

/** Command-line contract of `npm run backtest`; every field says what a good value looks like. */
export const USAGE = `usage: npm run backtest -- --symbol BTCUSDT --interval 1m --strategy ema-rsi --data <candles file> [options]

  --symbol <SYM>          instrument whose Bybit spot rules apply, e.g. BTCUSDT
  --interval <1m|5m|15m|1h|4h|1d>  candle interval of the data file
  --strategy <id>         ema-rsi | bollinger-reversion | donchian-atr
  --params '<json>'       strategy parameters, e.g. '{"fastPeriod":9,"slowPeriod":21}' (defaults fill the rest)
  --data <file>           freqtrade JSON rows [ms,o,h,l,c,v] or backtesting.py CSV
  --candidate '<json>'    compare --params (baseline) with these parameters
  --split <0..1>          in-sample share for --candidate (default 0.7)
  --k-folds <n>           contiguous k folds (both fixed params on each) for --candidate (default 4)
  --wf-windows <n>        walk-forward test windows for --candidate, each after a rolling training
                          window the params are re-fitted on (default 4)
  --maker-fee <fraction>  default 0.001 (0.1%)
  --taker-fee <fraction>  default 0.001 (0.1%)
  --slippage-bps <bps>    default 0
  --cash <quote>          starting quote balance, default 10000
  --instruments <file>    Bybit instruments-info body (default: the stand-in's shipped rules for
                          BTCUSDT, SOLUSDT, XRPETH, ETHBTC)
  --trades <n>            trades to list, default 10
  --json                  print the full report as JSON
  -h, --help              print this text

The candles' spacing must match --interval (missing candles are allowed and reported on stderr
and in the report's "gaps"); open times must be milliseconds.`;

const jsonObject = (flag: string) =>
  z.string().transform((text, ctx) => {
    try {
      const value: unknown = JSON.parse(text);
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
    } catch {
      // reported below
    }
    ctx.addIssue({ code: 'custom', message: `${flag} must be a JSON object such as '{"fastPeriod":9}', got ${text}` });
    return z.NEVER;
  });

const num = (flag: string, schema: z.ZodNumber) =>
  z
    .string()
    .transform((text, ctx) => {
      const value = Number(text);
      if (text.trim() !== '' && Number.isFinite(value)) return value;
      ctx.addIssue({ code: 'custom', message: `${flag} must be a number, got "${text}"` });
      return z.NEVER;
    })
    .pipe(schema)
    .optional();

export const BacktestArgsSchema = z.object({
  symbol: z.string({ error: '--symbol is required, e.g. BTCUSDT' }).regex(/^[A-Z0-9]{2,30}$/, '--symbol must look like BTCUSDT'),
  interval: IntervalSchema,
  strategy: z.string({ error: '--strategy is required, e.g. ema-rsi' }),
  params: jsonObject('--params').optional(),
  data: z.string({ error: '--data is required: a freqtrade JSON or backtesting.py CSV file' }).min(1),
  candidate: jsonObject('--candidate').optional(),
  split: num('--split', z.number().gt(0).lt(1)),
  kFolds: num('--k-folds', z.number().int().min(2).max(20)),
  wfWindows: num('--wf-windows', z.number().int().min(1).max(20)),
  makerFee: num('--maker-fee', z.number().min(0).max(0.01)),
  takerFee: num('--taker-fee', z.number().min(0).max(0.01)),
  slippageBps: num('--slippage-bps', z.number().min(0).max(500)),
  cash: num('--cash', z.number().positive()),
  instruments: z.string().optional(),
  trades: num('--trades', z.number().int().min(0)),
  json: z.boolean().default(false),
});
export type BacktestArgs = z.infer<typeof BacktestArgsSchema>;

export class UsageError extends Error {
  override name = 'UsageError';
}

const STRING_FLAGS = ['symbol', 'interval', 'strategy', 'params', 'data', 'candidate', 'split', 'k-folds', 'wf-windows', 'maker-fee', 'taker-fee', 'slippage-bps', 'cash', 'instruments', 'trades'] as const;

/** The flags as typed values, or 'help' when `--help` / `-h` asks for the usage text instead of a run. */
export function parseBacktestArgs(argv: string[]): BacktestArgs | 'help' {
  let values: Record<string, string | boolean | undefined>;
  try {
    const options = Object.fromEntries(STRING_FLAGS.map((f) => [f, { type: 'string' as const }]));
    const flags = { ...options, json: { type: 'boolean' as const }, help: { type: 'boolean' as const, short: 'h' } };
    values = parseArgs({ args: argv, options: flags, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help === true) return 'help';
  delete values.help;
  const camel = Object.fromEntries(Object.entries(values).map(([k, v]) => [k.replace(/-(\w)/g, (_, c: string) => c.toUpperCase()), v]));
  const parsed = BacktestArgsSchema.safeParse(camel);
  if (!parsed.success) {
    const flag = (key: PropertyKey | undefined) => `--${String(key ?? '').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
    const lines = parsed.error.issues.map((i) => (i.message.startsWith('--') || i.message.includes('interval') ? i.message : `${flag(i.path[0])}: ${i.message}`));
    throw new UsageError(lines.join('\n'));
  }
  return parsed.data;
}
