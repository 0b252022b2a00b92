import { z } from 'zod';
import { BybitEnvSchema, TradingModeSchema } from '../shared/market/index.ts';
import { SecretValue } from './access/secrets.ts';

/**
 * Relay configuration, read once from the environment at start. A bad value stops the relay
 * with the variable name, the rejected value and an example of a good one.
 */

const BYBIT_ENVS = BybitEnvSchema.options;
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Variables whose value is a credential: never echoed, not even in a configuration error. */
const SECRET_VARIABLES: ReadonlySet<string> = new Set(['OPERATOR_TOKEN', 'BYBIT_API_KEY', 'BYBIT_API_SECRET', 'OPENROUTER_API_KEY']);

/** An API credential as the provider issued it: one word, so a pasted line break or quote is caught at start. */
const apiCredential = (what: string) => z.string().regex(/^\S+$/, `expected the ${what} as issued, without spaces or line breaks`).optional();

const optionalUrl = (example: string) =>
  z
    .string()
    .trim()
    .refine((v) => /^(https?|wss?):\/\/[^\s]+$/.test(v), `expected a URL such as ${example}`)
    .optional();

const yesNo = z.enum(['yes', 'no'], { error: 'expected yes or no' });
const quoteAmount = (example: string) => z.string().trim().regex(/^\d+(\.\d+)?$/, `expected an amount in the quote asset such as ${example}`);
const feeRate = z
  .string()
  .trim()
  .regex(/^0(\.\d{1,10})?$/, 'expected a fee rate as a fraction below 1 such as 0.001 (0.1 %)');

const EnvSchema = z
  .object({
    /** TCP port of the HTTP + WebSocket server; 0 picks a free one (tests). */
    PORT: z.coerce
      .number({ error: 'expected a port number such as 8080' })
      .int('expected a whole port number such as 8080')
      .min(0, 'expected a port between 0 and 65535, e.g. 8080')
      .max(65535, 'expected a port between 0 and 65535, e.g. 8080')
      .default(8080),
    /** Loopback by default: the relay signs orders and must not be reachable from the LAN unasked. */
    HOST: z.string().trim().min(1, 'expected a host such as 127.0.0.1').default('127.0.0.1'),
    /** Extra names the relay answers to (Host and Origin), comma-separated: `name` on the bound port or `name:port`. */
    ALLOWED_HOSTS: z
      .string()
      .transform((v) => v.split(',').map((h) => h.trim()).filter((h) => h !== ''))
      .pipe(
        z.array(
          z
            .string()
            .regex(/^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?$/, 'expected host names such as portal.local or localhost:5173, comma-separated'),
        ),
      )
      .default([]),
    DATA_DIR: z.string().trim().min(1, 'expected a directory such as ./data').default('./data'),
    BYBIT_ENV: z.enum(BYBIT_ENVS, { error: `expected one of ${BYBIT_ENVS.join(', ')}` }).default('mainnet'),
    BYBIT_REST_URL: optionalUrl('https://api.bybit.com'),
    BYBIT_WS_PUBLIC_URL: optionalUrl('wss://stream.bybit.com/v5/public/spot'),
    BYBIT_WS_PRIVATE_URL: optionalUrl('wss://stream.bybit.com/v5/private'),
    TRADING_MODE: z.enum(TradingModeSchema.options, { error: 'expected paper or live' }).default('paper'),
    LIVE_TRADING_CONFIRM: z.string().optional(),
    /** Largest value of one order, in its symbol's quote asset; refused before anything is sent, paper and live. */
    MAX_ORDER_NOTIONAL: quoteAmount('5000').default('5000'),
    /** Once today's (UTC) realized loss reaches this, in quote, new orders are refused until tomorrow. */
    DAILY_LOSS_LIMIT: quoteAmount('500').default('500'),
    /** The paper account at its first start: ASSET:amount, comma-separated. */
    PAPER_START_BALANCES: z
      .string()
      .transform((v) => v.split(',').map((pair) => pair.trim()).filter((pair) => pair !== ''))
      .pipe(z.array(z.string().regex(/^[A-Z0-9]{1,16}:\d+(\.\d+)?$/, 'expected ASSET:amount pairs such as USDT:10000,BTC:0.5')))
      .transform((pairs) => Object.fromEntries(pairs.map((pair) => pair.split(':') as [string, string])))
      .default({ USDT: '10000' }),
    /** Bybit's default spot rates (0.1 %); a VIP tier's rates can be set here. */
    PAPER_TAKER_FEE_RATE: feeRate.default('0.001'),
    PAPER_MAKER_FEE_RATE: feeRate.default('0.001'),
    /** Overrides DATA_DIR/operator.token (e.g. for tests or a secret manager); never logged. */
    OPERATOR_TOKEN: z.string().trim().min(32, 'expected at least 32 characters, e.g. the output of openssl rand -base64 32').optional(),
    LOG_LEVEL: z.enum(LOG_LEVELS, { error: `expected one of ${LOG_LEVELS.join(', ')}` }).default('info'),
    /** Where spans also go, over OTLP/HTTP (`<endpoint>/v1/traces`), e.g. a local collector. */
    OTEL_EXPORTER_OTLP_ENDPOINT: optionalUrl('http://127.0.0.1:4318'),
    /** Print every span to stdout (also on with LOG_LEVEL=trace). */
    TRACES_CONSOLE: yesNo.default('no'),
    /** Lets a scraper on this machine (a loopback peer) read /metrics without the operator token. */
    METRICS_LOOPBACK_OPEN: yesNo.default('no'),
    /** Bybit API credentials for order execution; they live only here, in the relay's environment. */
    BYBIT_API_KEY: apiCredential('Bybit API key'),
    BYBIT_API_SECRET: apiCredential('Bybit API secret'),
    /** OpenRouter key for the AI review loop; without it (and without the stand-in) reviews use the local advisor. */
    OPENROUTER_API_KEY: apiCredential('OpenRouter API key'),
    /** OpenRouter's OpenAI-compatible API, or another provider speaking it. */
    OPENROUTER_BASE_URL: optionalUrl('https://openrouter.ai/api/v1').default('https://openrouter.ai/api/v1'),
    /** A model that supports strict structured output (json_schema). */
    OPENROUTER_MODEL: z.string().trim().regex(/^[\w.:/-]{1,200}$/, 'expected a model id such as openai/gpt-4o-mini').default('openai/gpt-4o-mini'),
    /** yes: the relay starts the project's OpenAI-compatible stand-in in-process and reviews against it (npm run demo), labelled as the stand-in. */
    OPENROUTER_STANDIN: yesNo.default('no'),
  })
  .superRefine((env, ctx) => {
    // Live mode moves real money: require a second, deliberate switch.
    if (env.TRADING_MODE === 'live' && env.LIVE_TRADING_CONFIRM !== 'yes') {
      ctx.addIssue({
        code: 'custom',
        path: ['LIVE_TRADING_CONFIRM'],
        message: 'TRADING_MODE=live also requires LIVE_TRADING_CONFIRM=yes',
      });
    }
    // A Bybit key signs nothing without its secret, and a secret alone names no key.
    for (const [set, missing] of [['BYBIT_API_KEY', 'BYBIT_API_SECRET'], ['BYBIT_API_SECRET', 'BYBIT_API_KEY']] as const) {
      if (env[set] !== undefined && env[missing] === undefined) {
        ctx.addIssue({ code: 'custom', path: [missing], message: `${set} is set, so ${missing} is needed too` });
      }
    }
  })
  .transform((e) => ({
    port: e.PORT,
    host: e.HOST,
    allowedHosts: e.ALLOWED_HOSTS,
    dataDir: e.DATA_DIR,
    bybitEnv: e.BYBIT_ENV,
    bybitRestUrl: e.BYBIT_REST_URL ?? null,
    bybitWsPublicUrl: e.BYBIT_WS_PUBLIC_URL ?? null,
    bybitWsPrivateUrl: e.BYBIT_WS_PRIVATE_URL ?? null,
    tradingMode: e.TRADING_MODE,
    execution: {
      safeguards: { maxOrderNotional: e.MAX_ORDER_NOTIONAL, dailyLossLimit: e.DAILY_LOSS_LIMIT },
      paper: { startBalances: e.PAPER_START_BALANCES, fees: { taker: e.PAPER_TAKER_FEE_RATE, maker: e.PAPER_MAKER_FEE_RATE } },
    },
    operatorToken: e.OPERATOR_TOKEN ?? null,
    logLevel: e.LOG_LEVEL,
    otlpEndpoint: e.OTEL_EXPORTER_OTLP_ENDPOINT ?? null,
    tracesToConsole: e.TRACES_CONSOLE === 'yes' || e.LOG_LEVEL === 'trace',
    metricsLoopbackOpen: e.METRICS_LOOPBACK_OPEN === 'yes',
    // SecretValue: a config that reaches a log line or a body by mistake still shows no key.
    bybit:
      e.BYBIT_API_KEY !== undefined && e.BYBIT_API_SECRET !== undefined
        ? { apiKey: new SecretValue(e.BYBIT_API_KEY), apiSecret: new SecretValue(e.BYBIT_API_SECRET) }
        : null,
    openRouter: e.OPENROUTER_API_KEY !== undefined ? { apiKey: new SecretValue(e.OPENROUTER_API_KEY) } : null,
    ai: { baseUrl: e.OPENROUTER_BASE_URL, model: e.OPENROUTER_MODEL, standIn: e.OPENROUTER_STANDIN === 'yes' },
  }));

export type RelayConfig = z.output<typeof EnvSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`invalid relay configuration:\n  ${problems.join('\n  ')}`);
  }
}

type Env = Record<string, string | undefined>;

/** Pure: environment in, typed config out, or a ConfigError listing every bad variable. */
export function parseConfig(env: Env): RelayConfig {
  // An empty variable (FOO=) means "unset" so defaults apply, as in most shells' intent.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = EnvSchema.safeParse(cleaned);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? 'environment');
        const value = cleaned[name];
        const shown = value === undefined ? '(unset)' : SECRET_VARIABLES.has(name) ? '(hidden)' : JSON.stringify(value);
        return `${name}=${shown}: ${issue.message}`;
      }),
    );
  }
  return result.data;
}
