import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATOR_AUTH } from '../access/test-access.ts';
import { startRelayOverStandIn, type RelayOverStandIn } from '../relay-over-standin.ts';
import type { RunningRelay } from '../server.ts';
import { StreamTestClient } from '../stream/stream-test-client.ts';
import type { MarketGateway, UpstreamEvent } from './gateway.ts';

/** The relay, its real Bybit gateway and the stand-in: an in-relay consumer beside browser tabs. */
describe('an in-relay consumer of the upstream stream', () => {
  let setup: RelayOverStandIn;
  let gateway: MarketGateway;
  let relay: RunningRelay;

  beforeAll(async () => {
    setup = await startRelayOverStandIn({ tickMs: 50, realSymbols: ['BTCUSDT'] });
    ({ gateway, relay } = setup);
  });

  afterAll(() => setup?.close());

  it('keeps its feed when the last browser tab on the same topic closes', async () => {
    const tab = await StreamTestClient.connect(`${relay.url.replace('http', 'ws')}/api/v1/stream`, OPERATOR_AUTH);
    tab.send({ op: 'subscribe', topics: [{ kind: 'ticker', symbol: 'BTCUSDT' }] });
    await tab.next('ticker', (m) => m.ticker.symbol === 'BTCUSDT');

    const runner = gateway.openFeed();
    const ticks: UpstreamEvent[] = [];
    runner.onEvent((e) => ticks.push(e));
    runner.subscribe([{ kind: 'ticker', symbol: 'BTCUSDT' }]);
    tab.close();
    await tab.closed();
    await new Promise((resolve) => setTimeout(resolve, 300)); // the hub has released the tab's topics by now
    const before = ticks.length;
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(ticks.length).toBeGreaterThan(before);
    runner.release();
  });
});
