import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config.ts';

function problemsOf(env: Record<string, string>): string[] {
  try {
    parseConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected parseConfig to reject');
}

describe('parseConfig', () => {
  it('applies safe defaults: loopback, mainnet market data, paper trading with order safeguards', () => {
    expect(parseConfig({})).toEqual({
      port: 8080,
      host: '127.0.0.1',
      allowedHosts: [],
      dataDir: './data',
      bybitEnv: 'mainnet',
      bybitRestUrl: null,
      bybitWsPublicUrl: null,
      bybitWsPrivateUrl: null,
      tradingMode: 'paper',
      execution: {
        safeguards: { maxOrderNotional: '5000', dailyLossLimit: '500' },
        paper: { startBalances: { USDT: '10000' }, fees: { taker: '0.001', maker: '0.001' } },
      },
      operatorToken: null,
      logLevel: 'info',
      otlpEndpoint: null,
      tracesToConsole: false,
      metricsLoopbackOpen: false,
      bybit: null,
      openRouter: null,
      ai: { baseUrl: 'https://openrouter.ai/api/v1', model: 'openai/gpt-4o-mini', standIn: false },
    });
  });

  it('reads the AI review settings: base URL, model and the in-process stand-in switch', () => {
    expect(parseConfig({ OPENROUTER_BASE_URL: 'http://127.0.0.1:9999/v1', OPENROUTER_MODEL: 'anthropic/claude-3.5-haiku', OPENROUTER_STANDIN: 'yes' }).ai).toEqual({
      baseUrl: 'http://127.0.0.1:9999/v1',
      model: 'anthropic/claude-3.5-haiku',
      standIn: true,
    });
    expect(() => parseConfig({ OPENROUTER_MODEL: 'a model with spaces' })).toThrow(/OPENROUTER_MODEL="a model with spaces": expected a model id/);
    expect(() => parseConfig({ OPENROUTER_BASE_URL: 'openrouter.ai' })).toThrow(/OPENROUTER_BASE_URL="openrouter.ai": expected a URL/);
  });

  it('reads the observability switches: OTLP endpoint, console spans (also at LOG_LEVEL=trace), open loopback metrics', () => {
    expect(parseConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318', TRACES_CONSOLE: 'yes', METRICS_LOOPBACK_OPEN: 'yes' })).toMatchObject({
      otlpEndpoint: 'http://127.0.0.1:4318',
      tracesToConsole: true,
      metricsLoopbackOpen: true,
    });
    expect(parseConfig({ LOG_LEVEL: 'trace' }).tracesToConsole).toBe(true);
    expect(problemsOf({ METRICS_LOOPBACK_OPEN: 'true', OTEL_EXPORTER_OTLP_ENDPOINT: 'collector' })).toEqual([
      'OTEL_EXPORTER_OTLP_ENDPOINT="collector": expected a URL such as http://127.0.0.1:4318',
      'METRICS_LOOPBACK_OPEN="true": expected yes or no',
    ]);
  });

  it('reads the paper account, its fee rates and the order safeguards, and refuses malformed ones', () => {
    const config = parseConfig({ PAPER_START_BALANCES: 'USDT:2500, BTC:0.5', PAPER_MAKER_FEE_RATE: '0.0002', MAX_ORDER_NOTIONAL: '100', DAILY_LOSS_LIMIT: '20' });
    expect(config.execution).toEqual({
      safeguards: { maxOrderNotional: '100', dailyLossLimit: '20' },
      paper: { startBalances: { USDT: '2500', BTC: '0.5' }, fees: { taker: '0.001', maker: '0.0002' } },
    });
    expect(problemsOf({ PAPER_START_BALANCES: 'USDT=100', PAPER_TAKER_FEE_RATE: '1.5', MAX_ORDER_NOTIONAL: '-3' })).toEqual([
      'MAX_ORDER_NOTIONAL="-3": expected an amount in the quote asset such as 5000',
      'PAPER_START_BALANCES="USDT=100": expected ASSET:amount pairs such as USDT:10000,BTC:0.5',
      'PAPER_TAKER_FEE_RATE="1.5": expected a fee rate as a fraction below 1 such as 0.001 (0.1 %)',
    ]);
  });

  it('reads the Bybit and OpenRouter keys from the environment and never echoes them in an error', () => {
    const keys = { BYBIT_API_KEY: 'bybit-key-CFG1', BYBIT_API_SECRET: 'bybit-secret-CFG2', OPENROUTER_API_KEY: 'sk-or-CFG3' };
    const config = parseConfig(keys);
    expect([config.bybit?.apiKey.reveal(), config.bybit?.apiSecret.reveal(), config.openRouter?.apiKey.reveal()]).toEqual(['bybit-key-CFG1', 'bybit-secret-CFG2', 'sk-or-CFG3']);
    // Serialized by mistake, the config still shows no key.
    expect(JSON.stringify(config)).not.toMatch(/CFG\d/);
    expect(inspect(config, { depth: 5 })).not.toMatch(/CFG\d/);
    expect(problemsOf({ BYBIT_API_KEY: 'bybit-key-CFG1' })).toEqual(['BYBIT_API_SECRET=(unset): BYBIT_API_KEY is set, so BYBIT_API_SECRET is needed too']);
    expect(problemsOf({ ...keys, BYBIT_API_SECRET: 'pasted secret-CFG2', OPENROUTER_API_KEY: 'sk-or-CFG3\n' })).toEqual([
      'BYBIT_API_SECRET=(hidden): expected the Bybit API secret as issued, without spaces or line breaks',
      'OPENROUTER_API_KEY=(hidden): expected the OpenRouter API key as issued, without spaces or line breaks',
    ]);
  });

  it('reads ALLOWED_HOSTS as a comma list and refuses a value that is not a host name', () => {
    expect(parseConfig({ ALLOWED_HOSTS: 'portal.local, localhost:5173,' }).allowedHosts).toEqual(['portal.local', 'localhost:5173']);
    expect(problemsOf({ ALLOWED_HOSTS: 'portal.local,http://evil.example/' })).toEqual([
      'ALLOWED_HOSTS="portal.local,http://evil.example/": expected host names such as portal.local or localhost:5173, comma-separated',
    ]);
  });

  it('refuses a short OPERATOR_TOKEN without echoing it', () => {
    expect(problemsOf({ OPERATOR_TOKEN: 'short-secret' })).toEqual([
      'OPERATOR_TOKEN=(hidden): expected at least 32 characters, e.g. the output of openssl rand -base64 32',
    ]);
  });

  it('treats an empty variable as unset', () => {
    expect(parseConfig({ PORT: '', BYBIT_ENV: '' }).port).toBe(8080);
  });

  it('reads every variable', () => {
    const config = parseConfig({
      PORT: '0',
      HOST: '0.0.0.0',
      DATA_DIR: '/tmp/x',
      BYBIT_ENV: 'sim',
      BYBIT_REST_URL: 'http://127.0.0.1:9000',
      BYBIT_WS_PUBLIC_URL: 'ws://127.0.0.1:9000/v5/public/spot',
      TRADING_MODE: 'live',
      LIVE_TRADING_CONFIRM: 'yes',
      LOG_LEVEL: 'debug',
    });
    expect(config).toMatchObject({ port: 0, bybitEnv: 'sim', tradingMode: 'live', logLevel: 'debug' });
    expect(config.bybitRestUrl).toBe('http://127.0.0.1:9000');
  });

  it('names the variable, the bad value and a good example', () => {
    expect(problemsOf({ PORT: 'eighty' })).toEqual(['PORT="eighty": expected a port number such as 8080']);
    expect(problemsOf({ PORT: '70000' })[0]).toContain('between 0 and 65535');
    expect(problemsOf({ BYBIT_ENV: 'prod' })).toEqual([
      'BYBIT_ENV="prod": expected one of mainnet, testnet, demo, sim',
    ]);
    expect(problemsOf({ BYBIT_REST_URL: 'api.bybit.com' })[0]).toBe(
      'BYBIT_REST_URL="api.bybit.com": expected a URL such as https://api.bybit.com',
    );
  });

  it('refuses live trading without the explicit confirmation', () => {
    expect(problemsOf({ TRADING_MODE: 'live' })).toEqual([
      'LIVE_TRADING_CONFIRM=(unset): TRADING_MODE=live also requires LIVE_TRADING_CONFIRM=yes',
    ]);
    expect(problemsOf({ TRADING_MODE: 'live', LIVE_TRADING_CONFIRM: 'y' })[0]).toContain('LIVE_TRADING_CONFIRM="y"');
  });

  it('reports every bad variable at once', () => {
    expect(problemsOf({ PORT: '-1', LOG_LEVEL: 'loud' })).toHaveLength(2);
  });
});
