import type { Adapter, AdapterPayload } from 'oidc-provider';

interface Entry {
  payload: AdapterPayload;
  /** Epoch ms, or Infinity. */
  expiresAt: number;
}

const grantable = new Set([
  'AccessToken',
  'AuthorizationCode',
  'RefreshToken',
  'DeviceCode',
  'BackchannelAuthenticationRequest',
  'PreAuthorizedCode',
]);

/**
 * oidc-provider storage for one emulator instance: a plain in-memory map that can be wiped by
 * `/__test/reset`. (oidc-provider's bundled memory adapter shares one module-level LRU between
 * every provider in the process and cannot be cleared.)
 */
export class MemoryStorage {
  #entries = new Map<string, Entry>();
  #grants = new Map<string, Set<string>>();
  #sessionUids = new Map<string, string>();
  #userCodes = new Map<string, string>();
  #writes = 0;

  clear(): void {
    this.#entries.clear();
    this.#grants.clear();
    this.#sessionUids.clear();
    this.#userCodes.clear();
  }

  factory = (model: string): Adapter => {
    const key = (id: string) => `${model}:${id}`;

    return {
      upsert: async (id, payload, expiresIn) => {
        const entryKey = key(id);
        const expiresAt = typeof expiresIn === 'number' ? Date.now() + expiresIn * 1000 : Infinity;
        this.#entries.set(entryKey, { payload, expiresAt });
        if (model === 'Session' && typeof payload.uid === 'string') {
          this.#sessionUids.set(payload.uid, id);
        }
        if (typeof payload.userCode === 'string') {
          this.#userCodes.set(payload.userCode, id);
        }
        if (grantable.has(model) && typeof payload.grantId === 'string') {
          const members = this.#grants.get(payload.grantId) ?? new Set<string>();
          members.add(entryKey);
          this.#grants.set(payload.grantId, members);
        }
        this.#sweep();
      },
      find: async (id) => this.#get(key(id)),
      findByUid: async (uid) => {
        const id = this.#sessionUids.get(uid);
        return id === undefined ? undefined : this.#get(key(id));
      },
      findByUserCode: async (userCode) => {
        const id = this.#userCodes.get(userCode);
        return id === undefined ? undefined : this.#get(key(id));
      },
      consume: async (id) => {
        const entry = this.#entries.get(key(id));
        if (entry) {
          entry.payload.consumed = Math.floor(Date.now() / 1000);
        }
      },
      destroy: async (id) => {
        this.#entries.delete(key(id));
      },
      revokeByGrantId: async (grantId) => {
        const members = this.#grants.get(grantId);
        if (!members) return;
        for (const member of members) {
          this.#entries.delete(member);
        }
        this.#grants.delete(grantId);
      },
    };
  };

  #get(entryKey: string): AdapterPayload | undefined {
    const entry = this.#entries.get(entryKey);
    if (!entry) return undefined;
    if (entry.expiresAt <= Date.now()) {
      this.#entries.delete(entryKey);
      return undefined;
    }
    return entry.payload;
  }

  #sweep(): void {
    this.#writes += 1;
    if (this.#writes % 500 !== 0) return;
    const now = Date.now();
    for (const [entryKey, entry] of this.#entries) {
      if (entry.expiresAt <= now) this.#entries.delete(entryKey);
    }
    for (const [grantId, members] of this.#grants) {
      for (const member of members) {
        if (!this.#entries.has(member)) members.delete(member);
      }
      if (members.size === 0) this.#grants.delete(grantId);
    }
  }
}
