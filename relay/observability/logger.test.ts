import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.ts';

describe('createLogger', () => {
  it('redacts API secrets wherever they appear in a log object', () => {
    const lines: string[] = [];
    const logger = createLogger('info', { write: (line: string) => lines.push(line) });
    logger.info({ env: { BYBIT_API_KEY: 'k-123', BYBIT_API_SECRET: 's-456', OPENROUTER_API_KEY: 'o-789' } }, 'env');
    logger.info({ OPENROUTER_API_KEY: 'o-789', client: { apiKey: 'k-123', apiSecret: 's-456' } }, 'client');
    const output = lines.join('');
    expect(output).not.toMatch(/k-123|s-456|o-789/);
    expect(output.match(/\[redacted\]/g)).toHaveLength(6);
  });
});
