/** The session a reader holds, as far as revocation is concerned. */
export interface SessionRef {
  sub: string;
  /** The ID token's `sid`, when Logto issued one (OpenID Connect Back-Channel Logout 1.0 §2.1). */
  sid?: string;
  /** When the session was signed in, epoch seconds. */
  signedInAt: number;
}

/** What the store says of a session: ended, not ended, or unknown (the store could not be read). */
export type RevocationVerdict =
  | { state: 'active' }
  | { state: 'revoked' }
  /** The store could not be read: readers keep serving and say revocations cannot be checked. */
  | { state: 'unknown' };

/** Where back-channel logouts are recorded and asked about (OpenID Connect Back-Channel Logout 1.0 §2.7). */
export interface RevocationStore {
  readonly kind: 'memory' | 'redis' | 'upstash' | 'custom';
  /**
   * Whether code running in `runtime` sees the same entries as the route handlers. memory: only
   * `nodejs`, process-wide; redis: only `nodejs` (TCP); upstash and custom: both.
   */
  reachableFrom(runtime: 'nodejs' | 'edge'): boolean;
  /**
   * Records a back-channel logout at `at` (epoch seconds). With `sid`: that session, and the
   * sessions of `sub` that carry no `sid` signed in at or before `at`. With only `sub`: every
   * session of `sub` signed in at or before `at`. Throws `RevocationStoreError` when it cannot be
   * written.
   */
  revoke(logout: { sid?: string; sub?: string; at: number }): Promise<void>;
  /**
   * Remembers a logout token's `jti` for `ttlSeconds`; `false` when it was already remembered (a
   * replay). Throws `RevocationStoreError` when it cannot be written.
   */
  rememberJti(jti: string, ttlSeconds: number): Promise<boolean>;
  /**
   * Never throws. Cached per process for `cacheSeconds`, `unknown` included, so a down store
   * costs at most one attempt per period per session; each read gives up after one second.
   */
  check(session: SessionRef): Promise<RevocationVerdict>;
}

/** How `createRevocationStore` builds a store. */
export interface RevocationStoreOptions {
  /** Keeps apps apart in a shared store: the Logto app id. */
  namespace: string;
  /** How long this process trusts a verdict (0 to 60). */
  cacheSeconds: number;
  /** How long a revocation is kept: longer than any session lives (default 30 days). */
  entryTtlSeconds?: number;
  /** Bound on the in-memory store's entries, process-wide (default 10,000). */
  maxMemoryEntries?: number;
  /** Epoch seconds (default: the system clock). */
  now?: () => number;
}
