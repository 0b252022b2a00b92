import { z } from 'zod';
import { BybitEnvSchema } from '../../shared/market/index.ts';

/** Bybit environments whose public spot market data the relay can read: all but the in-repo stand-in. */
export const BybitNetworkSchema = BybitEnvSchema.exclude(['sim'], {
  error: () => 'Bybit network must be one of mainnet, testnet, demo',
});
export type BybitNetwork = z.infer<typeof BybitNetworkSchema>;

export interface BybitEndpoints {
  restBaseUrl: string;
  wsPublicSpotUrl: string;
  /** Orders, executions and wallet of the signed account, on the REST host's environment. */
  wsPrivateUrl: string;
}

const ENDPOINTS: Record<BybitNetwork, BybitEndpoints> = {
  mainnet: { restBaseUrl: 'https://api.bybit.com', wsPublicSpotUrl: 'wss://stream.bybit.com/v5/public/spot', wsPrivateUrl: 'wss://stream.bybit.com/v5/private' },
  testnet: {
    restBaseUrl: 'https://api-testnet.bybit.com',
    wsPublicSpotUrl: 'wss://stream-testnet.bybit.com/v5/public/spot',
    wsPrivateUrl: 'wss://stream-testnet.bybit.com/v5/private',
  },
  // Demo trading has its own REST host, but stream-demo only carries private streams;
  // Bybit's demo docs say public data is mainnet's stream.
  demo: { restBaseUrl: 'https://api-demo.bybit.com', wsPublicSpotUrl: 'wss://stream.bybit.com/v5/public/spot', wsPrivateUrl: 'wss://stream-demo.bybit.com/v5/private' },
};

const UrlOverride = (protocols: string[]) =>
  z
    .url({ protocol: new RegExp(`^(${protocols.join('|')})$`), error: () => `expected a ${protocols.join(' or ')} URL` })
    .transform((url) => url.replace(/\/+$/, ''));

const OverridesSchema = z.object({
  restBaseUrl: UrlOverride(['http', 'https']).optional(),
  wsPublicSpotUrl: UrlOverride(['ws', 'wss']).optional(),
  wsPrivateUrl: UrlOverride(['ws', 'wss']).optional(),
});

/** Endpoints of a network, with explicit URLs (a stand-in, a regional host) taking precedence. */
export function bybitEndpoints(network: BybitNetwork, overrides: Partial<BybitEndpoints> = {}): BybitEndpoints {
  const parsed = OverridesSchema.parse(overrides);
  const base = ENDPOINTS[network];
  return {
    restBaseUrl: parsed.restBaseUrl ?? base.restBaseUrl,
    wsPublicSpotUrl: parsed.wsPublicSpotUrl ?? base.wsPublicSpotUrl,
    wsPrivateUrl: parsed.wsPrivateUrl ?? base.wsPrivateUrl,
  };
}
