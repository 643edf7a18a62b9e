import type { CookieReader } from './cookie-store.js';

/**
 * Largest cookie value we write. Browsers cap a cookie (name, value and attributes) at 4096
 * bytes; this leaves room for the name and `Path=/; Max-Age=…; HttpOnly; Secure; SameSite=Lax`.
 */
export const MAX_CHUNK_LENGTH = 3800;

const chunkName = (name: string, index: number) => `${name}.${index}`;

/** Every name a value of at most `maxChunks` chunks can be stored under: `name`, `name.0`, … */
export function chunkSlots(name: string, maxChunks: number): string[] {
  return [name, ...Array.from({ length: maxChunks }, (_, index) => chunkName(name, index))];
}

/** Splits a value into cookies `name` (fits in one) or `name.0`, `name.1`, … */
export function splitIntoChunks(name: string, value: string): { name: string; value: string }[] {
  if (value.length <= MAX_CHUNK_LENGTH) return [{ name, value }];
  const chunks: { name: string; value: string }[] = [];
  for (let offset = 0, index = 0; offset < value.length; offset += MAX_CHUNK_LENGTH, index += 1) {
    chunks.push({ name: chunkName(name, index), value: value.slice(offset, offset + MAX_CHUNK_LENGTH) });
  }
  return chunks;
}

const chunkPatterns = new Map<string, RegExp>();

/** `name` or `name.<n>`; built once per cookie name (it runs on every request). */
function chunkPattern(name: string): RegExp {
  let pattern = chunkPatterns.get(name);
  if (!pattern) {
    pattern = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\.\\d+)?$`);
    chunkPatterns.set(name, pattern);
  }
  return pattern;
}

/**
 * Every cookie present that belongs to `name` (the single form and any numbered chunk). Empty
 * values are deletions: in a render, Next merges the middleware's deletions into the request's
 * cookies as `name` with an empty or undefined value.
 */
export function existingChunkNames(reader: CookieReader, name: string): string[] {
  const pattern = chunkPattern(name);
  return reader
    .getAll()
    .filter((cookie) => pattern.test(cookie.name) && Boolean(cookie.value))
    .map((cookie) => cookie.name);
}

/**
 * What `readChunks` found: no cookie of that name, a set it would not have written (`invalid`),
 * or the joined value.
 */
type ChunkRead = { status: 'none' } | { status: 'invalid' } | { status: 'present'; value: string };

/**
 * Joins what `splitIntoChunks` wrote, and only that: either the single cookie alone, or chunks
 * `0 … n-1` (2 ≤ n ≤ `maxChunks`) where every chunk but the last is exactly full. Anything else
 * (a stray or missing chunk, the single form beside chunks, an oversized part) is `invalid`.
 */
export function readChunks(reader: CookieReader, name: string, maxChunks: number): ChunkRead {
  const present = existingChunkNames(reader, name);
  if (present.length === 0) return { status: 'none' };
  const single = reader.get(name)?.value;
  if (single) {
    return present.length === 1 && single.length <= MAX_CHUNK_LENGTH ? { status: 'present', value: single } : { status: 'invalid' };
  }
  const count = present.length;
  if (count < 2 || count > maxChunks) return { status: 'invalid' };
  let joined = '';
  for (let index = 0; index < count; index += 1) {
    const part = reader.get(chunkName(name, index))?.value;
    const last = index === count - 1;
    if (!part || part.length > MAX_CHUNK_LENGTH || (!last && part.length !== MAX_CHUNK_LENGTH)) return { status: 'invalid' };
    joined += part;
  }
  return { status: 'present', value: joined };
}
