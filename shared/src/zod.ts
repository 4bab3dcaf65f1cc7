import { z } from 'zod';

/**
 * The one import of zod in shared/ and the client. In a browser (page or worker) zod parses
 * without compiling code at run time: the pages' Content-Security-Policy forbids eval, and
 * zod's probe for it (`new Function`, run when the first object schema is built) is reported
 * as a violation even though zod catches it. This module runs before any schema is built,
 * since every schema module imports it. The server keeps zod's compiled parsers.
 */
const scope = globalThis as { window?: unknown; importScripts?: unknown };
const inBrowser = scope.window !== undefined || typeof scope.importScripts === 'function';
if (inBrowser) z.config({ jitless: true });

export { z };
