import { parseArgs } from 'node:util';
import { DEFAULT_CREDENTIALS } from './auth/credentials.ts';
import { startBybitStandIn } from './index.ts';

/**
 * Standalone stand-in: `npx tsx relay/bybit-standin/main.ts --port 9090 [--seed 1] [--tick-ms 1000]
 * [--synthetic 0] [--api-key K --api-secret S]`; signed requests must use that key pair.
 */
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
    seed: { type: 'string', default: '1' },
    'tick-ms': { type: 'string', default: '1000' },
    synthetic: { type: 'string', default: '0' },
    'api-key': { type: 'string', default: DEFAULT_CREDENTIALS.apiKey },
    'api-secret': { type: 'string', default: DEFAULT_CREDENTIALS.apiSecret },
  },
});

function integerOption(name: string, raw: string): number {
  if (!/^\d+$/.test(raw)) {
    console.error(`--${name} must be a non-negative integer, got "${raw}"`);
    process.exit(2);
  }
  return Number(raw);
}

function nonEmpty(name: string, raw: string): string {
  if (raw === '') {
    console.error(`--${name} must not be empty`);
    process.exit(2);
  }
  return raw;
}

const sim = await startBybitStandIn({
  port: integerOption('port', values.port),
  host: values.host,
  seed: integerOption('seed', values.seed),
  tickMs: integerOption('tick-ms', values['tick-ms']),
  syntheticSymbols: integerOption('synthetic', values.synthetic),
  apiKey: nonEmpty('api-key', values['api-key']),
  apiSecret: nonEmpty('api-secret', values['api-secret']),
});
console.log(`Bybit v5 stand-in (spot market data and one simulated UTA)
  REST            ${sim.restUrl}
  public spot WS  ${sim.wsPublicSpotUrl}
  private WS      ${sim.wsPrivateUrl}
  symbols         ${sim.symbols.join(', ')}
  api key         ${sim.credentials.apiKey}
  api secret      ${sim.credentials.apiSecret}`);

const shutdown = () => void sim.close().then(() => process.exit(0));
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
