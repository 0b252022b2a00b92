import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { registerServiceWorker } from './pwa/register-service-worker.ts';
import './app/app.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html must contain <div id="root">');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

// Dev builds skip the service worker so Vite's hot reload is never served from a stale cache.
if (import.meta.env.PROD) registerServiceWorker();
