import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The relay serves dist/ in production; in `npm run dev` Vite proxies /api to it.
export default defineConfig({
  plugins: [react()],
  publicDir: 'public',
  build: { outDir: 'dist', sourcemap: true },
  worker: { format: 'es' },
  server: {
    proxy: { '/api': { target: 'http://127.0.0.1:8080', ws: true } },
  },
});
