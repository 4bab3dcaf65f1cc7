import { type Ack, DomainError, fail, ok } from '@diemcau/shared';

/**
 * Runs `work` and answers its result, or the refusal it threw as a domain error (what the
 * user is told). Any other error is a bug and propagates to the handler's "internal" answer.
 */
export async function guard<T>(work: () => Promise<T>): Promise<Ack<T>> {
  try {
    return ok(await work());
  } catch (error) {
    if (error instanceof DomainError) return fail(error.code, error.message, { reason: error.reason });
    throw error;
  }
}
