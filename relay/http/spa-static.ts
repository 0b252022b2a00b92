import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import express, { Router } from 'express';

/**
 * Serves the built SPA. Vite's hashed files under /assets never change, so browsers keep them
 * for a year; index.html, the service worker and the manifest must revalidate so a new build
 * reaches users. Any other GET outside /api gets index.html (client-side routing).
 */
export function createSpaRouter(distDir: string): Router {
  const router = Router();
  const indexHtml = join(distDir, 'index.html');

  router.use(
    express.static(distDir, {
      index: false,
      setHeaders(res, filePath) {
        const hashedAsset = filePath.includes(`${join(distDir, 'assets')}`);
        res.setHeader('cache-control', hashedAsset ? 'public, max-age=31536000, immutable' : 'no-cache');
        if (basename(filePath) === 'sw.js') res.setHeader('service-worker-allowed', '/');
      },
    }),
  );

  router.use((req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || req.path.startsWith('/api/') || req.path === '/api') {
      next();
      return;
    }
    // Checked per request so a build made while the relay runs is picked up.
    if (!existsSync(indexHtml)) {
      res
        .status(503)
        .type('text/plain')
        .send(`The web app is not built yet (no ${indexHtml}). Run "npm run build", then reload.\n`);
      return;
    }
    res.setHeader('cache-control', 'no-cache');
    res.sendFile(indexHtml);
  });

  return router;
}
