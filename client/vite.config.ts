import react from '@vitejs/plugin-react';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

/** The server the dev server forwards API and socket traffic to (`npm run dev` on port 3100 by default). */
const target = process.env.DIEMCAU_SERVER ?? 'http://localhost:3100';

/** Text files the server sends compressed (server/src/http/client-files.ts reads the same list). */
const TEXT = /\.(html|js|mjs|css|svg|json|webmanifest|txt|xml)$/i;

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(entries.map((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : Promise.resolve([path.join(dir, e.name)]))));
  return nested.flat();
}

/**
 * Every text file of the build compressed once, at the highest levels (brotli 11, gzip 9), next
 * to it as `x.br` and `x.gz`: the server picks the one a browser accepts and never compresses a
 * file per request. A variant that would not be smaller is not written.
 */
function precompress(): Plugin {
  let outDir = 'dist';
  return {
    name: 'diemcau-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      const files = (await filesUnder(outDir)).filter((f) => TEXT.test(f));
      await Promise.all(
        files.map(async (file) => {
          const [body, info] = await Promise.all([readFile(file), stat(file)]);
          const variants: [string, Buffer][] = [
            ['.br', await brotli(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: info.size } })],
            ['.gz', await gzipped(body, { level: 9 })],
          ];
          await Promise.all(variants.filter(([, packed]) => packed.length < body.length).map(([suffix, packed]) => writeFile(file + suffix, packed)));
        }),
      );
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react(), precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // No source maps in the production build: the server would hand anyone the client's source.
    sourcemap: false,
    // zod in a file of its own: it changes less often than the pages, so phones keep it cached across releases
    rolldownOptions: { output: { codeSplitting: { groups: [{ name: 'zod', test: /node_modules[\\/]zod/ }] } } },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target },
      '/healthz': { target },
      '/socket.io': { target, ws: true },
    },
  },
});
