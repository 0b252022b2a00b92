import { QueryClient } from '@tanstack/react-query';

/** The app's server-state cache (market data, drawings, simulation runs). */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // The status banners report outages; one quiet retry covers blips without hiding errors.
        retry: 1,
        refetchOnWindowFocus: false,
      },
    },
  });
}
