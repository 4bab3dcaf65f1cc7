import { z } from 'zod';

/**
 * Makes zod parse without compiling code at run time. The pages' Content-Security-Policy
 * forbids `eval`; zod's probe for it (`new Function`) would otherwise be reported as a
 * violation in every browser. Call once before the first parse.
 */
export function parseWithoutEval(): void {
  z.config({ jitless: true });
}
