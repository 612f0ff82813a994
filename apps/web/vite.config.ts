import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// The agent web app: built to apps/web/dist, which the server serves at / (client routes fall back to index.html).
export default defineConfig({
  root: here('.'),
  base: '/',
  plugins: [react()],
  resolve: {
    // One i18n mechanism for the server and the UI: the same catalogs and t().
    alias: { '@app/i18n': here('../../libs/i18n/src/index.ts') },
  },
  build: {
    outDir: here('dist'),
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 800,
  },
  server: {
    // `vite --config apps/web/vite.config.ts` during development, against a server on :3000.
    proxy: {
      '/api': process.env.OMNIBOX_API ?? 'http://localhost:3000',
      '/socket.io': { target: process.env.OMNIBOX_API ?? 'http://localhost:3000', ws: true },
    },
  },
});
