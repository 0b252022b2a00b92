/**
 * Generates dist/sw.js after `vite build`: precaches the app shell so the installed app opens
 * offline. Candles live in IndexedDB, so only symbols/tickers get a network-first API cache;
 * the WebSocket stream is never touched by the service worker.
 */
import { generateSW } from 'workbox-build';

const DIST = 'dist';

const { count, size, warnings } = await generateSW({
  globDirectory: DIST,
  globPatterns: ['**/*.{html,js,css,png,svg,webmanifest,woff2}'],
  swDest: `${DIST}/sw.js`,
  // Source maps are large and only for debugging.
  globIgnores: ['**/*.map', 'sw.js', 'workbox-*.js'],
  maximumFileSizeToCacheInBytes: 5 * 1024 * 1024,
  navigateFallback: '/index.html',
  navigateFallbackDenylist: [/^\/api\//],
  cleanupOutdatedCaches: true,
  clientsClaim: true,
  skipWaiting: true,
  runtimeCaching: [
    {
      urlPattern: ({ url }) => url.pathname === '/api/v1/symbols' || url.pathname === '/api/v1/tickers',
      handler: 'NetworkFirst',
      options: {
        cacheName: 'market-lists',
        networkTimeoutSeconds: 3,
        expiration: { maxEntries: 20, maxAgeSeconds: 7 * 24 * 3600 },
        cacheableResponse: { statuses: [200] },
      },
    },
  ],
});

for (const warning of warnings) console.warn(`service worker: ${warning}`);
console.log(`service worker: precached ${count} files (${(size / 1024).toFixed(0)} KiB) -> ${DIST}/sw.js`);
