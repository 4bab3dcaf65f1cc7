// Builds the server for production: one bundle per process entry (the server, the upload
// sandbox's child, the record's worker, `npm run links`) in server/dist, so production runs
// plain JavaScript with `node` — no TypeScript loader on the path. The workspace's own code
// (server/ and shared/) is bundled; every npm package stays in node_modules as installed
// (native modules, pdf.js and the like load their own files).
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';

const started = Date.now();
const outdir = 'server/dist';
await rm(outdir, { recursive: true, force: true });

/** Bare imports of npm packages stay imports; `@diemcau/*` (TypeScript workspaces) is bundled. */
const packagesExternal = {
  name: 'packages-external',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@diemcau/') ? undefined : { path: args.path, external: true }));
  },
};

await build({
  entryPoints: {
    index: 'server/src/index.ts',
    'sandbox.child': 'server/src/sandbox/sandbox.child.ts',
    'record.worker': 'server/src/record/record.worker.ts',
    links: 'scripts/links.ts',
  },
  outdir,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20.11',
  // The entries find each other beside them (see server/src/lib/built.ts).
  define: { DIEMCAU_BUILT: 'true' },
  plugins: [packagesExternal],
  // Where a stack trace points: file names and lines stay readable without shipping source maps.
  keepNames: true,
  logLevel: 'warning',
  banner: { js: '// Built by scripts/build-server.mjs from server/src: edit the sources, not this file.' },
});
console.log(`server built into ${outdir} in ${Date.now() - started} ms`);
