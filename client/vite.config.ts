import react from '@vitejs/plugin-react';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { createHash } from 'node:crypto';
import { defineConfig, type Plugin, type Rollup } from 'vite';

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
      // not the build's manifest (.vite/): it is never served
      const files = (await filesUnder(outDir)).filter((f) => TEXT.test(f) && !path.relative(outDir, f).startsWith('.vite'));
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

/** What a plugin run after the bundle is on disk gets: the client's folder, dist, and the chunks by file name. */
type WrittenBuild = { root: string; outDir: string; chunks: Rollup.OutputChunk[]; byFile: Map<string, Rollup.OutputChunk> };

/** A build-only plugin that calls `write` once the bundle is written. */
function afterWrite(name: string, write: (build: WrittenBuild) => Promise<void>): Plugin {
  let outDir = 'dist';
  let root = '.';
  return {
    name,
    apply: 'build',
    configResolved(config) {
      root = config.root;
      outDir = path.resolve(config.root, config.build.outDir);
    },
    async writeBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((item): item is Rollup.OutputChunk => item.type === 'chunk');
      await write({ root, outDir, chunks, byFile: new Map(chunks.map((chunk) => [chunk.fileName, chunk])) });
    },
  };
}

/** The pages an installed app opens with no line: their code and styles are the shell the service worker keeps. */
const INSTALLABLE_PAGES = ['SitePage', 'PublicQuestionsPage'];
/** A file an installable page loads later is in the shell when smaller than this (the video bridge's 600 kB are not). */
const LAZY_SHELL_LIMIT = 100_000;
/** Files of public/ in the shell. */
const SHELL_STATIC = ['/index.html', '/manifest.webmanifest', '/icon.svg', '/icon-192.png', '/icon-512.png'];

/**
 * Writes dist/sw.js from client/service-worker.js with the shell's files (the entry, the
 * installable pages and every file they import, their styles) and an id of this build, so a
 * new build is a new worker that replaces the old shell.
 */
function serviceWorker(): Plugin {
  return afterWrite('diemcau-service-worker', async ({ root, outDir, chunks, byFile }) => {
    const shell = new Set<string>();
    const add = (chunk: Rollup.OutputChunk | undefined) => {
      if (!chunk || shell.has(chunk.fileName)) return;
      shell.add(chunk.fileName);
      for (const css of chunk.viteMetadata?.importedCss ?? []) shell.add(css);
      for (const imported of chunk.imports) add(byFile.get(imported));
    };
    for (const chunk of chunks) {
      if (!chunk.isEntry && !INSTALLABLE_PAGES.includes(chunk.name)) continue;
      add(chunk);
      // what the page loads later (its question list, say), but not the video bridge's large code
      for (const later of chunk.isEntry ? [] : chunk.dynamicImports) {
        const lazy = byFile.get(later);
        if (lazy && lazy.code.length < LAZY_SHELL_LIMIT) add(lazy);
      }
    }
    const files = [...SHELL_STATIC, ...[...shell].sort().map((file) => `/${file}`)];
    const build = createHash('sha256').update(files.join('\n')).digest('hex').slice(0, 12);
    const template = await readFile(path.join(root, 'service-worker.js'), 'utf8');
    await writeFile(path.join(outDir, 'sw.js'), template.replace('__SHELL__;', `${JSON.stringify(files)};`).replace('${__BUILD__}', build));
  });
}

/** Each route's page module (App.tsx loads it lazily): its HTML names its code up front. */
const ROUTE_PAGES: Record<string, string> = {
  site: 'src/pages/site/SitePage.tsx',
  q: 'src/pages/public/PublicQuestionsPage.tsx',
  screen: 'src/pages/screen/ScreenPage.tsx',
  board: 'src/pages/board/BoardPage.tsx',
  mc: 'src/pages/mc/McConsolePage.tsx',
  admin: 'src/pages/admin/AdminPage.tsx',
  mod: 'src/pages/questions/ModeratorPage.tsx',
  office: 'src/pages/questions/OfficePage.tsx',
};

/**
 * Writes dist/pages/<route>.html: index.html plus `modulepreload` and stylesheet links for the
 * route's own page chunk and everything it imports. Without them a phone asks for the page's
 * code only once the entry has arrived and run: one more round trip before the form (2 s on
 * DevTools' 3G). The server sends the route's file for the page's path (server/src/app.ts).
 */
function pageHtml(): Plugin {
  return afterWrite('diemcau-page-html', async ({ root, outDir, chunks, byFile }) => {
    const closure = (start: Rollup.OutputChunk) => {
      const seen = new Set<Rollup.OutputChunk>();
      const visit = (chunk: Rollup.OutputChunk | undefined) => {
        if (!chunk || seen.has(chunk)) return;
        seen.add(chunk);
        for (const imported of chunk.imports) visit(byFile.get(imported));
      };
      visit(start);
      return seen;
    };
    const entry = chunks.find((chunk) => chunk.isEntry);
    if (!entry) throw new Error('no entry chunk in the build');
    const loaded = closure(entry);
    const loadedCss = new Set([...loaded].flatMap((chunk) => [...(chunk.viteMetadata?.importedCss ?? [])]));
    const html = await readFile(path.join(outDir, 'index.html'), 'utf8');
    await mkdir(path.join(outDir, 'pages'), { recursive: true });
    for (const [route, module] of Object.entries(ROUTE_PAGES)) {
      const page = chunks.find((chunk) => chunk.facadeModuleId === path.join(root, module));
      if (!page) throw new Error(`no chunk for ${module} (route /${route})`);
      const own = [...closure(page)].filter((chunk) => !loaded.has(chunk));
      const css = [...new Set(own.flatMap((chunk) => [...(chunk.viteMetadata?.importedCss ?? [])]))].filter((file) => !loadedCss.has(file));
      const links = [...own.map((chunk) => `<link rel="modulepreload" crossorigin href="/${chunk.fileName}">`), ...css.map((file) => `<link rel="stylesheet" crossorigin href="/${file}">`)];
      await writeFile(path.join(outDir, 'pages', `${route}.html`), html.replace('</head>', `  ${links.join('\n    ')}\n  </head>`));
    }
  });
}

/**
 * The pages are written against React's API and run on Preact's compatibility layer: react-dom
 * alone was about 55 kB of the 100 kB (brotli) a phone may load before the site page or the
 * public page is usable; Preact with its compat layer is under 10 kB. The code, its types and
 * the LiveKit components import `react` as before.
 */
const PREACT_ALIASES = [
  { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
  { find: /^react-dom(\/.*)?$/, replacement: 'preact/compat' },
  { find: /^react\/jsx-(dev-)?runtime$/, replacement: 'preact/jsx-runtime' },
  { find: /^react$/, replacement: 'preact/compat' },
];

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react(), serviceWorker(), pageHtml(), precompress()],
  resolve: { alias: PREACT_ALIASES },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // No source maps in the production build: the server would hand anyone the client's source.
    sourcemap: false,
    // .vite/manifest.json: which files each page loads first (tests/e2e/first-load.spec.ts checks their size; never served, a dot folder)
    manifest: true,
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
