import { describe, expect, it } from 'vitest';
import { bybitEndpoints, BybitNetworkSchema } from './bybit-endpoints.ts';

describe('bybitEndpoints', () => {
  it('knows the v5 hosts of each network', () => {
    expect(bybitEndpoints('mainnet')).toEqual({
      restBaseUrl: 'https://api.bybit.com',
      wsPublicSpotUrl: 'wss://stream.bybit.com/v5/public/spot',
      wsPrivateUrl: 'wss://stream.bybit.com/v5/private',
    });
    expect(bybitEndpoints('testnet')).toEqual({
      restBaseUrl: 'https://api-testnet.bybit.com',
      wsPublicSpotUrl: 'wss://stream-testnet.bybit.com/v5/public/spot',
      wsPrivateUrl: 'wss://stream-testnet.bybit.com/v5/private',
    });
  });

  it('reads demo market data from the mainnet public stream, and the demo account from stream-demo', () => {
    expect(bybitEndpoints('demo')).toEqual({
      restBaseUrl: 'https://api-demo.bybit.com',
      wsPublicSpotUrl: 'wss://stream.bybit.com/v5/public/spot',
      wsPrivateUrl: 'wss://stream-demo.bybit.com/v5/private',
    });
  });

  it('lets explicit URLs win and drops a trailing slash', () => {
    const endpoints = bybitEndpoints('mainnet', {
      restBaseUrl: 'http://127.0.0.1:4001/',
      wsPublicSpotUrl: 'ws://127.0.0.1:4001/v5/public/spot',
      wsPrivateUrl: 'ws://127.0.0.1:4001/v5/private/',
    });
    expect(endpoints).toEqual({
      restBaseUrl: 'http://127.0.0.1:4001',
      wsPublicSpotUrl: 'ws://127.0.0.1:4001/v5/public/spot',
      wsPrivateUrl: 'ws://127.0.0.1:4001/v5/private',
    });
  });

  it('rejects an override with the wrong scheme, saying what is expected', () => {
    expect(() => bybitEndpoints('mainnet', { wsPublicSpotUrl: 'http://127.0.0.1:1' })).toThrow('expected a ws or wss URL');
    expect(() => bybitEndpoints('mainnet', { restBaseUrl: 'not a url' })).toThrow('expected a http or https URL');
  });

  it('rejects an unknown network name with the valid ones', () => {
    expect(BybitNetworkSchema.safeParse('prod').error?.issues[0]?.message).toBe(
      'Bybit network must be one of mainnet, testnet, demo',
    );
  });
});
