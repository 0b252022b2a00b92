import { createServer } from 'node:net';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { UpstreamStatus } from '../../shared/market/index.ts';
import { UpstreamUnavailableError } from '../market/gateway.ts';
import { createBybitGateway } from './bybit-gateway.ts';

/** A loopback port with nothing listening: what the relay sees with no network to Bybit. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('createBybitGateway with Bybit unreachable', () => {
  it('starts, reports reconnecting, fails REST calls cleanly and closes without leaks', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    const port = await deadPort();

    const gateway = createBybitGateway({
      restBaseUrl: `http://127.0.0.1:${port}`,
      wsPublicSpotUrl: `ws://127.0.0.1:${port}/v5/public/spot`,
      logger: pino({ level: 'silent' }),
      restRetries: 1,
      restRetryBackoff: { baseMs: 10, maxMs: 20 },
      reconnectBackoff: { baseMs: 50, maxMs: 200 },
    });
    expect(gateway.stream.status()).toEqual({ state: 'connecting', lastError: null, nextRetryAt: null });

    const status = await new Promise<UpstreamStatus>((resolve) => {
      const stop = gateway.stream.onStatus((s) => {
        stop();
        resolve(s);
      });
    });
    expect(status.state).toBe('reconnecting');
    expect(status.lastError).toContain('ECONNREFUSED');

    await expect(gateway.listSymbols()).rejects.toBeInstanceOf(UpstreamUnavailableError);
    await expect(gateway.getTickers([])).rejects.toBeInstanceOf(UpstreamUnavailableError);
    await expect(gateway.getCandles('BTCUSDT', '1h', 0, 3_600_000)).rejects.toBeInstanceOf(UpstreamUnavailableError);

    await gateway.close();
    process.off('unhandledRejection', onUnhandled);
    expect(unhandled).toEqual([]);
  });
});
