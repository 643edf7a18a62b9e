import type { CookieReader } from './cookie-store';

/**
 * Largest cookie value we write. Browsers cap a cookie (name, value and attributes) at 4096
 * bytes; this leaves room for the name and `Path=/; Max-Age=…; HttpOnly; Secure; SameSite=Lax`.
 */
export const MAX_CHUNK_LENGTH = 3800;

const chunkName = (name: string, index: number) => `${name}.${index}`;

/** Splits a value into cookies `name` (fits in one) or `name.0`, `name.1`, … */
export function splitIntoChunks(name: string, value: string): { name: string; value: string }[] {
  if (value.length <= MAX_CHUNK_LENGTH) return [{ name, value }];
  const chunks: { name: string; value: string }[] = [];
  for (let offset = 0, index = 0; offset < value.length; offset += MAX_CHUNK_LENGTH, index += 1) {
    chunks.push({ name: chunkName(name, index), value: value.slice(offset, offset + MAX_CHUNK_LENGTH) });
  }
  return chunks;
}

/** Joins what `splitIntoChunks` wrote; `undefined` when absent. Empty values count as absent. */
export function readChunks(reader: CookieReader, name: string): string | undefined {
  const single = reader.get(name)?.value;
  if (single) return single;
  let joined = '';
  for (let index = 0; ; index += 1) {
    const part = reader.get(chunkName(name, index))?.value;
    if (!part) break;
    joined += part;
  }
  return joined || undefined;
}

/** Every cookie present that belongs to `name` (the single form and any numbered chunk). */
export function existingChunkNames(reader: CookieReader, name: string): string[] {
  const pattern = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\.\\d+)?$`);
  return reader
    .getAll()
    .filter((cookie) => pattern.test(cookie.name) && cookie.value !== '')
    .map((cookie) => cookie.name);
}
