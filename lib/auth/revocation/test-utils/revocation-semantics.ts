import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { DisposableRevocationStore, RevocationStoreOptions } from '../revocation-store.js';

/** Makes a store of one backend (memory, Redis, Upstash) for a namespace. */
export type MakeStore = (namespace: string, options?: Partial<RevocationStoreOptions>) => DisposableRevocationStore;

const LOGOUT_AT = 1_800_000_000;

/**
 * The store's semantics (OpenID Connect Back-Channel Logout 1.0 §2.7), the same for every
 * backend: `make` is read inside each test, so a backend started in `beforeAll` can supply it.
 */
export function describeRevocationSemantics(name: string, make: () => MakeStore, skipReason?: string): void {
  // A backend that cannot run here (no redis-server outside CI) is skipped with its reason in the title.
  describe.skipIf(skipReason !== undefined)(`${name}: back-channel logout semantics${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
    const opened: DisposableRevocationStore[] = [];
    const store = (namespace = `app-${randomUUID()}`, options: Partial<RevocationStoreOptions> = {}) => {
      const created = make()(namespace, { cacheSeconds: 0, ...options });
      opened.push(created);
      return created;
    };
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((created) => created.dispose()));
    });

    it('a logout with sid revokes that session, not the sub’s other sessions that carry a sid', async () => {
      const logto = store();
      await logto.revoke({ sid: 'sid-1', sub: 'user-1', at: LOGOUT_AT });
      expect(await logto.check({ sub: 'user-1', sid: 'sid-1', signedInAt: LOGOUT_AT - 60 })).toEqual({ state: 'revoked' });
      // Even a session signed in after the token's time: the sid names it.
      expect(await logto.check({ sub: 'user-1', sid: 'sid-1', signedInAt: LOGOUT_AT + 60 })).toEqual({ state: 'revoked' });
      expect(await logto.check({ sub: 'user-1', sid: 'sid-2', signedInAt: LOGOUT_AT - 60 })).toEqual({ state: 'active' });
      expect(await logto.check({ sub: 'user-2', sid: 'sid-3', signedInAt: LOGOUT_AT - 60 })).toEqual({ state: 'active' });
    });

    it('a logout with sid and sub also revokes the sub’s sessions without a sid, signed in at or before it', async () => {
      const logto = store();
      await logto.revoke({ sid: 'sid-1', sub: 'user-1', at: LOGOUT_AT });
      expect(await logto.check({ sub: 'user-1', signedInAt: LOGOUT_AT - 60 })).toEqual({ state: 'revoked' });
      expect(await logto.check({ sub: 'user-1', signedInAt: LOGOUT_AT })).toEqual({ state: 'revoked' });
      expect(await logto.check({ sub: 'user-1', signedInAt: LOGOUT_AT + 1 })).toEqual({ state: 'active' });
      expect(await logto.check({ sub: 'user-2', signedInAt: LOGOUT_AT - 60 })).toEqual({ state: 'active' });
    });

    it('a logout with only sid revokes that session and nothing else', async () => {
      const logto = store();
      await logto.revoke({ sid: 'sid-1', at: LOGOUT_AT });
      expect(await logto.check({ sub: 'user-1', sid: 'sid-1', signedInAt: LOGOUT_AT - 60 })).toEqual({ state: 'revoked' });
      expect(await logto.check({ sub: 'user-1', signedInAt: LOGOUT_AT - 60 })).toEqual({ state: 'active' });
    });

    it('a logout with only sub revokes every session of it signed in at or before it, sid or not', async () => {
      const logto = store();
      await logto.revoke({ sub: 'user-1', at: LOGOUT_AT });
      expect(await logto.check({ sub: 'user-1', sid: 'sid-1', signedInAt: LOGOUT_AT - 60 })).toEqual({ state: 'revoked' });
      expect(await logto.check({ sub: 'user-1', sid: 'sid-2', signedInAt: LOGOUT_AT })).toEqual({ state: 'revoked' });
      expect(await logto.check({ sub: 'user-1', signedInAt: LOGOUT_AT - 60 })).toEqual({ state: 'revoked' });
      // Signed in after the logout: a new session, active.
      expect(await logto.check({ sub: 'user-1', sid: 'sid-3', signedInAt: LOGOUT_AT + 1 })).toEqual({ state: 'active' });
      expect(await logto.check({ sub: 'user-1', signedInAt: LOGOUT_AT + 1 })).toEqual({ state: 'active' });
      expect(await logto.check({ sub: 'user-2', signedInAt: LOGOUT_AT - 60 })).toEqual({ state: 'active' });
    });

    it('an older logout of a sub never lowers a later one', async () => {
      const logto = store();
      await logto.revoke({ sub: 'user-1', at: LOGOUT_AT });
      await logto.revoke({ sub: 'user-1', at: LOGOUT_AT - 600 });
      expect(await logto.check({ sub: 'user-1', signedInAt: LOGOUT_AT - 60 })).toEqual({ state: 'revoked' });
      await logto.revoke({ sid: 'sid-9', sub: 'user-2', at: LOGOUT_AT });
      await logto.revoke({ sid: 'sid-8', sub: 'user-2', at: LOGOUT_AT - 600 });
      expect(await logto.check({ sub: 'user-2', signedInAt: LOGOUT_AT - 60 })).toEqual({ state: 'revoked' });
    });

    it('keeps apps apart by namespace', async () => {
      const one = store('app-one');
      const other = store('app-other');
      await one.revoke({ sid: 'shared-sid', sub: 'shared-sub', at: LOGOUT_AT });
      await one.revoke({ sub: 'shared-sub-2', at: LOGOUT_AT });
      expect(await other.check({ sub: 'shared-sub', sid: 'shared-sid', signedInAt: LOGOUT_AT - 60 })).toEqual({ state: 'active' });
      expect(await other.check({ sub: 'shared-sub', signedInAt: LOGOUT_AT - 60 })).toEqual({ state: 'active' });
      expect(await other.check({ sub: 'shared-sub-2', signedInAt: LOGOUT_AT - 60 })).toEqual({ state: 'active' });
      expect(await one.check({ sub: 'shared-sub', sid: 'shared-sid', signedInAt: LOGOUT_AT - 60 })).toEqual({ state: 'revoked' });
    });

    it('a ":" in a namespace, sid or sub cannot make two keys meet; "." and "" are ids like any other', async () => {
      const suffix = randomUUID();
      // Unencoded, both would be next-logto:a-<suffix>:sid:b:sid:c.
      const app = store(`a-${suffix}`);
      const lookalike = store(`a-${suffix}:sid:b`);
      await app.revoke({ sid: 'b:sid:c', at: LOGOUT_AT });
      expect(await lookalike.check({ sub: 'u', sid: 'c', signedInAt: LOGOUT_AT - 60 })).toEqual({ state: 'active' });
      // Unencoded, a sub "x:y" without sid and the sub "x" with sid "y" could meet.
      await app.revoke({ sub: 'user:sid:s1', at: LOGOUT_AT });
      expect(await app.check({ sub: 'user', sid: 's1', signedInAt: LOGOUT_AT - 60 })).toEqual({ state: 'active' });
      for (const odd of ['.', '..', '?x', 'a/b', 'ü ✓']) {
        await app.revoke({ sid: odd, at: LOGOUT_AT });
        expect(await app.check({ sub: 'u', sid: odd, signedInAt: LOGOUT_AT - 60 }), odd).toEqual({ state: 'revoked' });
      }
      expect(await app.check({ sub: 'u', sid: 'a', signedInAt: LOGOUT_AT - 60 })).toEqual({ state: 'active' });
    });

    it('refuses a logout that names neither sid nor sub', async () => {
      await expect(store().revoke({ at: LOGOUT_AT })).rejects.toThrow(TypeError);
      await expect(store().revoke({ sid: '', sub: '', at: LOGOUT_AT })).rejects.toThrow(TypeError);
    });

    it('remembers a jti and reports its replay, per app', async () => {
      const namespace = `app-${randomUUID()}`;
      const logto = store(namespace);
      expect(await logto.rememberJti('jti-1', 120)).toBe(true);
      expect(await logto.rememberJti('jti-1', 120)).toBe(false);
      expect(await logto.rememberJti('jti-2', 120)).toBe(true);
      expect(await store().rememberJti('jti-1', 120)).toBe(true);
      // A second instance of the same app sees the first one's jti.
      expect(await store(namespace).rememberJti('jti-2', 120)).toBe(false);
    });
  });
}
