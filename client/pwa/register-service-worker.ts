import { Workbox } from 'workbox-window';

/** Registers the generated /sw.js; a new version takes over on the next launch. */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  const workbox = new Workbox('/sw.js');
  workbox.register().catch((err: unknown) => {
    console.warn('service worker registration failed; the app works but not offline', err);
  });
}
