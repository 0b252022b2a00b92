import type { Logger } from 'pino';
import type { DefaultLogger } from 'bybit-api';

/**
 * bybit-api logs through `{ trace, info, error }` with console-style arguments, often passing
 * whole sockets as context. Keep only its message and a few scalar fields so pino stays readable;
 * its "error" lines (every failed reconnect while offline) are warnings for the relay.
 */
export function bybitApiLogger(logger: Logger): DefaultLogger {
  const forward = (level: 'trace' | 'debug' | 'warn') => (message?: unknown, context?: unknown) => {
    if (!logger.isLevelEnabled(level)) return;
    logger[level]({ bybitApi: scalarFields(context) }, typeof message === 'string' ? message : String(message));
  };
  return { trace: forward('trace'), info: forward('debug'), error: forward('warn') };
}

function scalarFields(context: unknown): Record<string, string | number | boolean> | undefined {
  if (!context || typeof context !== 'object') return undefined;
  const fields: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(context)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') fields[key] = value;
  }
  return fields;
}
