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
  it('applies safe defaults: loopback, mainnet market data, paper trading', () => {
    expect(parseConfig({})).toEqual({
      port: 8080,
      host: '127.0.0.1',
      allowedHosts: [],
      dataDir: './data',
      bybitEnv: 'mainnet',
      bybitRestUrl: null,
      bybitWsPublicUrl: null,
      tradingMode: 'paper',
      operatorToken: null,
      logLevel: 'info',
      bybit: null,
      openRouter: null,
    });
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
