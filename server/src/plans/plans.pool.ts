import type { PlanPreview } from '@diemcau/shared';
import type { Sandbox } from '../sandbox/sandbox';

/** A plan as callers give it: an uploaded file, or pasted text. */
export type PlanInput = { kind: 'file'; bytes: Uint8Array; filename: string } | { kind: 'text'; text: string };

/**
 * Reads plans in the sandbox process (../sandbox/): a document that breaks a limit (zip
 * entries, inflated size, XML depth, memory, time) gets a message naming it, the server and the
 * next document go on. Plans share one lane: one document at a time, the others waiting in order.
 */
export function planReader(deps: { sandbox: Sandbox }) {
  return {
    /** Reads one document; resolves with its preview or the reason it could not be read. */
    async read(input: PlanInput): Promise<PlanPreview> {
      const result =
        input.kind === 'text'
          ? await deps.sandbox.run('plan:text', { text: input.text }, { lane: 'plans' })
          : await deps.sandbox.run('plan:file', { bytes: input.bytes, filename: input.filename }, { lane: 'plans' });
      return result.ok ? result.value : { ok: false, message: result.message };
    },
  };
}

export type PlanReader = ReturnType<typeof planReader>;
