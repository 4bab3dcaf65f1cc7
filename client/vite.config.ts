import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** The server the dev server forwards API and socket traffic to (`npm run dev` on port 3100 by default). */
const target = process.env.DIEMCAU_SERVER ?? 'http://localhost:3100';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
  server: {
    port: 5173,
    proxy: {
      '/api': { target },
      '/healthz': { target },
      '/socket.io': { target, ws: true },
    },
  },
});
