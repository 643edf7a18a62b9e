import type { RevocationVerdict, SessionRef } from './revocation-types.js';

interface CachedVerdict {
  verdict: RevocationVerdict;
  /** Epoch seconds. */
  expiresAt: number;
  sub: string;
  sid: string | undefined;
}

/**
 * Recent verdicts of one store, so that a page does not cost a store read per request. Bounded:
 * past `maxEntries` the oldest is dropped (a Map iterates in insertion order).
 */
export class VerdictCache {
  private readonly verdicts = new Map<string, CachedVerdict>();
  /** Bumped by every `forget`, so a read that began before a logout does not cache its answer. */
  private generation = 0;

  constructor(private readonly maxEntries: number) {}

  static keyOf(session: SessionRef): string {
    return JSON.stringify([session.sub, session.sid ?? null, session.signedInAt]);
  }

  /** The verdict cached for `session`, if still fresh at `now` (epoch seconds). */
  get(session: SessionRef, now: number): RevocationVerdict | undefined {
    const key = VerdictCache.keyOf(session);
    const cached = this.verdicts.get(key);
    if (!cached) return undefined;
    if (cached.expiresAt > now) return cached.verdict;
    this.verdicts.delete(key);
    return undefined;
  }

  /** Pass to `set`: the point in time a store read began. */
  mark(): number {
    return this.generation;
  }

  /** Caches `verdict` until `expiresAt` (epoch seconds), unless a logout came since `readSince`. */
  set(session: SessionRef, verdict: RevocationVerdict, expiresAt: number, readSince: number): void {
    if (readSince !== this.generation) return;
    const key = VerdictCache.keyOf(session);
    this.verdicts.delete(key);
    while (this.verdicts.size >= this.maxEntries) {
      const oldest = this.verdicts.keys().next();
      if (oldest.done) break;
      this.verdicts.delete(oldest.value);
    }
    this.verdicts.set(key, { verdict, expiresAt, sub: session.sub, sid: session.sid });
  }

  /** Drops what a logout for `sid` and/or `sub` may have changed. */
  forget(logout: { sid?: string; sub?: string }): void {
    this.generation += 1;
    for (const [key, cached] of this.verdicts) {
      if ((logout.sub !== undefined && cached.sub === logout.sub) || (logout.sid !== undefined && cached.sid === logout.sid)) {
        this.verdicts.delete(key);
      }
    }
  }
}
