import helmet from 'helmet';
import type { RequestHandler } from 'express';

/**
 * Scripts and workers only from the relay itself: the SPA, its chart and indicator workers and the
 * service worker are all built files under dist/. Charts draw to canvas (no inline styles needed
 * beyond React's style attributes), data comes from the same origin over fetch and WebSocket.
 */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        workerSrc: ["'self'"],
        connectSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        fontSrc: ["'self'"],
        manifestSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
    // Loopback over plain http: HSTS would pin browsers to https on localhost for every other app.
    strictTransportSecurity: false,
  });
}
