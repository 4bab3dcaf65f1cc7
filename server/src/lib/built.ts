/**
 * Where a process entry of the server lives. From the sources (tests, `npm run dev`), each
 * child or worker starts from a small `.mjs` launcher beside its TypeScript that registers tsx;
 * in the production build (scripts/build-server.mjs, which defines `DIEMCAU_BUILT`) every
 * entry is a plain JavaScript bundle in server/dist, beside the server's own bundle.
 */
declare const DIEMCAU_BUILT: boolean | undefined;

export const BUILT = typeof DIEMCAU_BUILT !== 'undefined' && DIEMCAU_BUILT;

/** `launcher` relative to the calling module's `here` in the sources; `bundle` in server/dist. */
export function entryUrl(here: string, launcher: string, bundle: string): URL {
  return BUILT ? new URL(`./${bundle}.js`, here) : new URL(launcher, here);
}
