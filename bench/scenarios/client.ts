import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { entryKey, type Manifest, pageLoads, reachable } from '../lib/manifest';
import { REPO_ROOT, tempDir } from '../lib/processes';
import { type Row, row } from '../lib/report';
import { round } from '../lib/stats';
import type { Scenario } from './types';

/** The issue's budget for a page's first-load JavaScript, gzip. */
const TARGET_KB = 250;
/** A chunk is the video bridge (livekit-client) when its code has this class name, which minifying keeps. */
const VIDEO_MARKER = 'LivekitError';

/** Builds the client as `npm run build` does, into a temp dir, with the manifest Vite writes on request. */
export async function buildClient(outDir: string, log: (line: string) => void): Promise<void> {
  log(`client: building into ${outDir} (vite build --manifest)`);
  const vite = path.join(REPO_ROOT, 'node_modules/.bin/vite');
  const child = spawn(vite, ['build', '--config', 'client/vite.config.ts', '--outDir', outDir, '--emptyOutDir', '--manifest', '--logLevel', 'warn'], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`vite build failed (${code}):\n${output.slice(-4000)}`);
}

/** `page` as the table names it: `src/pages/mc/McConsolePage.tsx` → `mc/McConsolePage`. */
const pageName = (key: string) => key.replace(/^src\/pages\//, '').replace(/\.[jt]sx?$/, '');

export const client: Scenario = {
  description: 'first-load JavaScript of each page (gzip) from a fresh build, and that the video bridge loads only on demand',
  sizes: [0],
  inAll: true,
  timeoutS: () => 300,
  async run(_options, log) {
    const outDir = tempDir('diemcau-bench-client-');
    await buildClient(outDir, log);
    const manifest = JSON.parse(readFileSync(path.join(outDir, '.vite/manifest.json'), 'utf8')) as Manifest;
    const gzipKb = new Map<string, number>();
    const sizeOf = (file: string) => {
      if (!gzipKb.has(file)) gzipKb.set(file, gzipSync(readFileSync(path.join(outDir, file))).length / 1000);
      return gzipKb.get(file)!;
    };
    const sum = (files: readonly string[]) => files.reduce((total, file) => total + sizeOf(file), 0);
    // Which chunks carry LiveKit: its error class is in their code (the build has no source maps to ask)
    const video = new Set(
      Object.values(manifest)
        .map((chunk) => chunk.file)
        .filter((file) => file.endsWith('.js') && readFileSync(path.join(outDir, file), 'utf8').includes(VIDEO_MARKER)),
    );

    const rows: Row[] = [];
    const over: string[] = [];
    const videoEager: string[] = [];
    for (const load of pageLoads(manifest)) {
      const js = sum(load.js);
      const name = load.page === '(entry only)' ? 'entry (home, PIN)' : pageName(load.page);
      rows.push(row('client', 0, `first_load_js ${name}`, 'kB gzip', js, null));
      rows.push(row('client', 0, `first_load_css ${name}`, 'kB gzip', sum(load.css), null));
      log(`  ${name}: ${round(js)} kB of JavaScript in ${load.js.length} files, ${round(sum(load.css))} kB of CSS (gzip)`);
      if (js > TARGET_KB) over.push(`${name} ${round(js)} kB`);
      if (load.js.some((file) => video.has(file))) videoEager.push(name);
    }
    const onDemand = [...reachable(manifest)].filter((key) => video.has(manifest[key]!.file));
    const videoKb = sum([...video]);
    rows.push(row('client', 0, 'video_chunks_on_demand', 'chunks', onDemand.length, null));
    rows.push(row('client', 0, 'video_js', 'kB gzip', videoKb, null));
    rows.push(row('client', 0, 'pages_loading_video_first', 'pages', videoEager.length, null));
    log(`client: entry ${manifest[entryKey(manifest)]!.file}; LiveKit in ${video.size} chunks (${round(videoKb)} kB gzip), reached only through dynamic imports: ${videoEager.length === 0 && onDemand.length === video.size ? 'yes' : 'NO'}`);
    if (videoEager.length > 0) log(`client: NOT met: the video bridge is in the first load of ${videoEager.join(', ')}`);
    log(`client: target ≤ ${TARGET_KB} kB gzip of first-load JavaScript per page: ${over.length === 0 ? 'met' : `NOT met (${over.join(', ')})`}; bottleneck: none (sizes, not time; gzip level 6 as a server would send them)`);
    return rows;
  },
};
