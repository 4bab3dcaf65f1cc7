/**
 * Walking a Vite build manifest (`build.manifest`): which files a page loads before it can
 * show anything (the entry and its static imports, then the page's lazy chunk and its static
 * imports), and which chunks are only reached through a dynamic import.
 */

/** One chunk of `.vite/manifest.json`, keyed by its source (or `_name.js` for shared chunks). */
export type ManifestChunk = {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
};
export type Manifest = Record<string, ManifestChunk>;

/** The manifest keys of `roots` and of everything they import statically, transitively (never through a dynamic import). */
export function staticClosure(manifest: Manifest, roots: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    const chunk = manifest[key];
    if (!chunk) throw new Error(`the manifest has no chunk "${key}"`);
    seen.add(key);
    for (const next of chunk.imports ?? []) visit(next);
  };
  for (const root of roots) visit(root);
  return seen;
}

/** The one HTML entry of the build. */
export function entryKey(manifest: Manifest): string {
  const entries = Object.entries(manifest).filter(([, chunk]) => chunk.isEntry);
  if (entries.length !== 1) throw new Error(`expected one entry in the manifest, found ${entries.length}`);
  return entries[0]![0];
}

/** A page's first load: its JavaScript and CSS files (deduplicated, in load order). */
export type PageLoad = { page: string; js: string[]; css: string[] };

/**
 * The first load of the entry alone (pages built into it, such as the home and PIN pages) and
 * of each page the entry imports lazily (dynamic imports of the entry whose source is under
 * `pagesDir`): the entry's static graph plus the page chunk's.
 */
export function pageLoads(manifest: Manifest, pagesDir = 'src/pages/'): PageLoad[] {
  const entry = entryKey(manifest);
  const base = staticClosure(manifest, [entry]);
  const load = (page: string, keys: Set<string>): PageLoad => {
    const chunks = [...keys].map((key) => manifest[key]!);
    return { page, js: [...new Set(chunks.map((c) => c.file).filter((f) => f.endsWith('.js')))], css: [...new Set(chunks.flatMap((c) => c.css ?? []))] };
  };
  const lazyPages = (manifest[entry]!.dynamicImports ?? []).filter((key) => manifest[key]?.src?.startsWith(pagesDir));
  return [load('(entry only)', base), ...lazyPages.map((key) => load(key, new Set([...base, ...staticClosure(manifest, [key])])))];
}

/** Every chunk reachable from the entry through dynamic imports at some point (what can load on demand). */
export function reachable(manifest: Manifest): Set<string> {
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key) || !manifest[key]) return;
    seen.add(key);
    for (const next of [...(manifest[key].imports ?? []), ...(manifest[key].dynamicImports ?? [])]) visit(next);
  };
  visit(entryKey(manifest));
  return seen;
}
