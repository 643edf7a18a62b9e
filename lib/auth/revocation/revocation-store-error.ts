/** What went wrong, as a code: never a URL, a password or a key. */
export type RevocationStoreErrorCode =
  | 'revocation_store.unavailable'
  | 'revocation_store.timeout'
  | 'revocation_store.redis_on_edge';

/**
 * The revocation store could not be written (or its driver could not be loaded). The message is
 * the code alone; the driver's error, if any, is the `cause` (read it with `describeError`, which
 * keeps to names and codes).
 */
export class RevocationStoreError extends Error {
  override readonly name = 'RevocationStoreError';
  readonly code: RevocationStoreErrorCode;

  constructor(code: RevocationStoreErrorCode, options?: { cause?: unknown }) {
    super(code, options);
    this.code = code;
  }
}
