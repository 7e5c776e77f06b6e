/**
 * The web console's build: `npm run build:web` writes web/dist, which Straumur serves at `/`.
 * `npm run dev:web` serves the app with hot reload and sends /api and /ocpp to a Straumur on
 * STRAUMUR_URL (default http://127.0.0.1:8080).
 */
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const target = process.env.STRAUMUR_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The server's CSP allows only same-origin scripts: no inline polyfill.
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 1000,
  },
  server: { proxy: { '/api': target, '/health': target } },
});
