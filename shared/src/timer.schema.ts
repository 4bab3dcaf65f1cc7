import { z } from './zod';

/**
 * A clock (the current item's, or a speaker's), stored as facts, never as ticks: `startedAt` is when the
 * running segment began (null while paused), `elapsedBeforeMs` what earlier segments ran,
 * `addedMs` the time the MC added (negative when removed).
 */
export const Timer = z.object({
  /** The agenda item, or the queue entry for a speaker's clock. */
  itemId: z.string().min(1).max(40),
  startedAt: z.number().nullable(),
  elapsedBeforeMs: z.number(),
  addedMs: z.number(),
});
export type Timer = z.infer<typeof Timer>;
