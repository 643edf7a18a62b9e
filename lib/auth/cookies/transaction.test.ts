import { describe, expect, it } from 'vitest';
import type { CookieReader } from './cookie-store.js';
import { MAX_TRANSACTIONS, readTransaction, transactionCookieName, writeTransaction, type SignInTransaction } from './transaction.js';

const settings = { secrets: ['a-cookie-secret-that-is-long-enough-0123456789'], secure: false };
const jar = new Map<string, string>();
const reader: CookieReader = {
  get: (name) => (jar.has(name) ? { value: jar.get(name)! } : undefined),
  getAll: () => [...jar].map(([name, value]) => ({ name, value })),
};

const attempt = (n: number): SignInTransaction => ({
  state: `state-${n}-${'s'.repeat(40)}`.replace(/^(.{6})/, `${n}`.padStart(6, '0')),
  nonce: `nonce-${n}`,
  codeVerifier: `verifier-${n}`,
  redirectUri: 'http://localhost:3000/api/logto/callback',
  returnTo: `/protected/${n}`,
  createdAt: 1_000 + n,
});

describe('transaction cookies', () => {
  it('keeps one cookie per attempt, capped, dropping the oldest first', async () => {
    for (let n = 1; n <= MAX_TRANSACTIONS + 2; n += 1) {
      for (const write of await writeTransaction(reader, attempt(n), settings)) {
        if (write.options.maxAge === 0) jar.delete(write.name);
        else jar.set(write.name, write.value);
      }
    }
    expect(jar.size).toBe(MAX_TRANSACTIONS);
    expect(await readTransaction(reader, attempt(1).state, settings)).toBeUndefined();
    expect(await readTransaction(reader, attempt(2).state, settings)).toBeUndefined();
    expect((await readTransaction(reader, attempt(7).state, settings))?.returnTo).toBe('/protected/7');
    expect(transactionCookieName(attempt(7).state)).toMatch(/^logto_txn\./);
  });
});
