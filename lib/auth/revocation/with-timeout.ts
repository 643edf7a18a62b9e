import { RevocationStoreError } from './revocation-store-error.js';

/** How long one store call may take before it counts as failed: a hung Redis must not hang a page. */
export const STORE_CALL_TIMEOUT_MS = 1000;

/**
 * Settles with `work`, or rejects with `revocation_store.timeout` after `ms`. The late outcome of
 * `work` is still observed by the race, so its rejection is never unhandled.
 */
export async function withTimeout<T>(work: Promise<T>, ms: number = STORE_CALL_TIMEOUT_MS): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expiry = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RevocationStoreError('revocation_store.timeout')), ms);
  });
  try {
    return await Promise.race([work, expiry]);
  } finally {
    clearTimeout(timer);
  }
}
