import { pino, type DestinationStream, type Logger } from 'pino';

/** Secrets may reach a log line inside an env dump, a config object or request headers. */
const REDACT_PATHS = [
  'BYBIT_API_KEY',
  'BYBIT_API_SECRET',
  'OPENROUTER_API_KEY',
  '*.BYBIT_API_KEY',
  '*.BYBIT_API_SECRET',
  '*.OPENROUTER_API_KEY',
  'apiKey',
  'apiSecret',
  '*.apiKey',
  '*.apiSecret',
  'req.headers.authorization',
  'req.headers.cookie',
  'OPERATOR_TOKEN',
  '*.OPERATOR_TOKEN',
  'operatorToken',
  '*.operatorToken',
  'token',
  '*.token',
  'loginUrl',
  '*.loginUrl',
];

export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = { level, redact: { paths: REDACT_PATHS, censor: '[redacted]' } };
  return destination ? pino(options, destination) : pino(options);
}
