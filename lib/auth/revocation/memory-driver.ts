import { defineDriver, type Driver } from 'unstorage';
import { logAuthEvent } from '../log.js';

interface MemoryEntry {
  value: string;
  /** Epoch seconds. */
  expiresAt: number;
}

interface SharedMemory {
  entries: Map<string, MemoryEntry>;
  reportedFull: boolean;
}

/**
 * Next.js bundles the middleware (or proxy) and each route handler separately, so one Node
 * process holds several copies of this module; the entries live on `globalThis` under a
 * registered symbol so that every copy sees the logouts the route handler recorded.
 */
const SHARED = Symbol.for('next-logto.revocations');

/** This process's entries, shared by every bundle of the library in it. */
export function sharedMemory(): SharedMemory {
  const holder = globalThis as typeof globalThis & { [SHARED]?: SharedMemory };
  holder[SHARED] ??= { entries: new Map(), reportedFull: false };
  return holder[SHARED];
}

/** The bounded memory driver's settings. */
export interface MemoryDriverOptions {
  /** Bound on the entries of the whole process; the soonest-expiring go first. */
  maxEntries: number;
  /** Used when a write names no `ttl`: nothing here lives for ever. */
  defaultTtlSeconds: number;
  /** Epoch seconds. */
  now: () => number;
}

/**
 * An unstorage driver over the process-wide map: honours `setItem(key, value, { ttl })` (unlike
 * unstorage's `memory` and `lru-cache` drivers, which ignore it) and holds at most `maxEntries`.
 */
export const boundedMemoryDriver = defineDriver((options: MemoryDriverOptions): Driver<MemoryDriverOptions> => {
  const memory = sharedMemory();
  const { entries } = memory;

  const read = (key: string): string | null => {
    const entry = entries.get(key);
    if (!entry) return null;
    if (entry.expiresAt <= options.now()) {
      entries.delete(key);
      return null;
    }
    return entry.value;
  };

  const makeRoomForOne = () => {
    if (entries.size < options.maxEntries) return;
    const now = options.now();
    for (const [key, entry] of entries) if (entry.expiresAt <= now) entries.delete(key);
    if (entries.size < options.maxEntries) return;
    // Sorting is O(n log n), so free a tenth at once rather than one entry per write.
    const target = Math.max(0, options.maxEntries - 1 - Math.floor(options.maxEntries / 10));
    const soonestFirst = [...entries].sort(([, a], [, b]) => a.expiresAt - b.expiresAt);
    for (const [key] of soonestFirst.slice(0, entries.size - target)) entries.delete(key);
    if (!memory.reportedFull) {
      memory.reportedFull = true;
      // An evicted revocation lets its session back in: a sign to move to Redis or Upstash.
      logAuthEvent('warn', 'revocation_store.memory_full', undefined, { max_entries: options.maxEntries });
    }
  };

  return {
    name: 'next-logto-memory',
    flags: { ttl: true },
    options,
    hasItem: (key) => read(key) !== null,
    getItem: (key) => read(key),
    getItems: (items) => items.map(({ key }) => ({ key, value: read(key) })),
    setItem(key, value, writeOptions) {
      const ttl = typeof writeOptions?.ttl === 'number' && writeOptions.ttl > 0 ? writeOptions.ttl : options.defaultTtlSeconds;
      if (!entries.has(key)) makeRoomForOne();
      entries.set(key, { value, expiresAt: options.now() + ttl });
    },
    removeItem(key) {
      entries.delete(key);
    },
    getKeys: () => [...entries.keys()].filter((key) => read(key) !== null),
    clear(base) {
      for (const key of entries.keys()) if (!base || key.startsWith(base)) entries.delete(key);
    },
  };
});
