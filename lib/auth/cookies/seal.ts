import { unsealData } from 'iron-session';
import { sealIron, unsealIron } from './iron.js';

/**
 * The exact shape iron-session writes: `Fe26.2*<id>*<salt>*<iv>*<data>*<expiry>*<salt>*<mac>~2`.
 * iron's HMAC covers everything before `*<salt>*<mac>`, but iron-session reads the version after
 * `~` with `parseInt` and ignores anything else (`…~2junk` and `…~2~x` unseal as if untouched), so
 * a value goes to iron-session's own unseal (older cookies) only when it has exactly this shape.
 * Our own unseal (`unsealIron`) checks the same shape part by part, without running this pattern
 * over the whole 5 KB value (tens of microseconds a cookie, profiled).
 */
const SEAL_PATTERN =
  /^Fe26\.2\*(\w{1,20})\*[0-9a-f]{16,128}\*[\w-]{16,64}\*[\w-]{1,16384}\*\d{13,16}\*[0-9a-f]{16,128}\*[\w-]{43}~2$/;

/** A seal's password id: `Fe26.2*<id>*…`. */
const SEAL_ID = /^Fe26\.2\*(\w{1,20})\*/;

/** Seals written before secrets had derived ids name them by list position: 1, 2, … */
const LEGACY_ID = /^\d{1,3}$/;

/** Ids start at 2^48 so they can never be mistaken for a legacy positional id. */
const ID_BASE = 2 ** 48;

async function secretId(secret: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`logto-cookie-secret-id:${secret}`));
  const bytes = new Uint8Array(digest, 0, 6);
  const value = bytes.reduce((sum, byte) => sum * 256 + byte, 0);
  return String(ID_BASE + value);
}

const passwordMaps = new Map<string, Promise<Map<string, string>>>();
/** The same maps once derived, so that reading a cookie does not wait on a promise each time. */
const derivedPasswordMaps = new Map<string, Map<string, string>>();

/**
 * Each secret's id, derived from the secret itself, so it does not change when the list does:
 * `A` → `B,A` → `B` keeps every seal readable at each step. The first secret seals.
 */
function passwordMap(secrets: readonly string[]): Promise<Map<string, string>> {
  const key = secrets.join('\n');
  let map = passwordMaps.get(key);
  if (!map) {
    map = Promise.all(secrets.map(async (secret) => [await secretId(secret), secret] as const)).then((entries) => {
      const result = new Map(entries);
      if (derivedPasswordMaps.size > 16) derivedPasswordMaps.clear();
      derivedPasswordMaps.set(key, result);
      return result;
    });
    if (passwordMaps.size > 16) passwordMaps.clear();
    passwordMaps.set(key, map);
  }
  return map;
}

/** `passwordMap` once derived, without a promise to wait on. */
const derivedPasswordMap = (secrets: readonly string[]) => derivedPasswordMaps.get(secrets.join('\n'));

/**
 * Seals `data` in iron-session's format (AES-256-CBC + HMAC-SHA-256, see `iron.ts`) under the
 * first of `secrets`, valid for `ttlSeconds`.
 */
export async function seal(data: object, secrets: readonly string[], ttlSeconds: number): Promise<string> {
  const [id, secret] = (await passwordMap(secrets)).entries().next().value!;
  return sealIron(data, id, secret, ttlSeconds);
}

const asPayload = (data: unknown) => (data && typeof data === 'object' && !Array.isArray(data) && Object.keys(data).length > 0 ? data : undefined);

async function unsealWith(value: string, id: string, secret: string): Promise<unknown> {
  try {
    return asPayload(await unsealIron(value, (candidate) => (candidate === id ? secret : undefined)));
  } catch {
    return undefined;
  }
}

/** A seal from before secrets had ids (a positional id, random salts): iron-session's own unseal. */
async function unsealLegacy(value: string, id: string, secret: string, ttlSeconds: number): Promise<unknown> {
  try {
    return asPayload(await unsealData(value, { password: { [id]: secret }, ttl: ttlSeconds }));
  } catch {
    return undefined;
  }
}

/**
 * Unseals a cookie value. Anything but an unexpired seal we wrote, byte for byte, under one of
 * `secrets` yields `undefined`, never an exception: tampered, truncated, extended, expired or
 * foreign values alike.
 */
export async function unseal(value: string, secrets: readonly string[], ttlSeconds: number): Promise<unknown> {
  const id = SEAL_ID.exec(value)?.[1];
  if (id === undefined) return undefined;
  const map = derivedPasswordMap(secrets) ?? (await passwordMap(secrets));
  const secret = map.get(id);
  if (secret !== undefined) return unsealWith(value, id, secret);
  if (!LEGACY_ID.test(id) || !SEAL_PATTERN.test(value)) return undefined;
  for (const candidate of secrets) {
    const data = await unsealLegacy(value, id, candidate, ttlSeconds);
    if (data) return data;
  }
  return undefined;
}

/** Most verified values kept per process (each about the size of its cookie, twice). */
export const MAX_VERIFIED_SEALS = 500;
/** iron accepts a seal until this long after its expiry (its `timestampSkewSec`). */
const EXPIRY_SKEW_MS = 60_000;

let verifiedFor = '';
/** Verified values by their last 45 characters (a seal's MAC and `~2`), each with the whole value. */
const verified = new Map<string, { value: string; data: object; expiresAtMs: number }>();

/**
 * A verified value's key in `verified`. Hashing the whole 5 KB value for a map lookup costs
 * about 10 µs per request (profiled); its MAC is as unique, and a hit compares the whole value.
 */
const verifiedKey = (value: string) => value.slice(-45);

// Taken once: in the Edge sandbox `Object` is a Proxy (edge-runtime's cross-realm `instanceof`),
// so `Object.freeze` in a loop pays a proxy trap per call.
const { freeze, isFrozen, values } = Object;

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !isFrozen(value)) {
    freeze(value);
    for (const child of values(value)) deepFreeze(child);
  }
  return value;
}

/** The expiry iron writes in a seal (`Fe26.2*id*salt*iv*data*<expiry ms>*…`); 0 when none. */
function sealExpiryMs(value: string): number {
  const expiry = value.split('*', 6)[5];
  return expiry && /^\d+$/.test(expiry) ? Number(expiry) : 0;
}

/**
 * `unseal` for a value presented again and again, like the session cookie (read by the
 * middleware and again by the render, on every request). An unseal costs an HMAC, an AES
 * decryption, base64url decoding and JSON parsing of the whole cookie (see `iron.ts`; tens of
 * microseconds on Node, more in the Edge sandbox); a value that passed it before, under the same
 * secrets, is answered from memory. A hit needs exactly the bytes that were verified (the whole
 * value is compared), so it proves what the HMAC proved; the seal's expiry is checked again on
 * every hit. Only successes are kept, at most {@link MAX_VERIFIED_SEALS} (least recently used go
 * first), and payloads are deep-frozen since requests share them. Per module instance: Next gives
 * the Edge middleware, the server-component render and the route handlers of a process each their
 * own.
 */
export async function unsealCached(value: string, secrets: readonly string[], ttlSeconds: number): Promise<unknown> {
  const secretsKey = secrets.join('\n');
  if (secretsKey !== verifiedFor) {
    verified.clear();
    verifiedFor = secretsKey;
  }
  const key = verifiedKey(value);
  const hit = verified.get(key);
  if (hit && hit.value === value) {
    verified.delete(key);
    if (hit.expiresAtMs && hit.expiresAtMs <= Date.now() - EXPIRY_SKEW_MS) return undefined;
    verified.set(key, hit); // most recently used last
    return hit.data;
  }
  const data = await unseal(value, secrets, ttlSeconds);
  if (data && typeof data === 'object') {
    verified.delete(key);
    if (verified.size >= MAX_VERIFIED_SEALS) verified.delete(verified.keys().next().value!);
    verified.set(key, { value, data: deepFreeze(data), expiresAtMs: sealExpiryMs(value) });
  }
  return data;
}

/** For tests: forget every verified value. */
export function clearVerifiedSealsForTests(): void {
  verified.clear();
  verifiedFor = '';
}
