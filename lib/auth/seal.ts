import { sealData, unsealData } from 'iron-session';

/** iron-session's password map: the highest id seals, every id unseals (rotation). */
export function passwordMap(secrets: readonly string[]): Record<string, string> {
  return Object.fromEntries(secrets.map((secret, index) => [String(secrets.length - index), secret]));
}

export function seal(data: object, secrets: readonly string[], ttlSeconds: number): Promise<string> {
  return sealData(data, { password: passwordMap(secrets), ttl: ttlSeconds });
}

/**
 * Unseals a cookie value. A tampered, truncated, expired or foreign value (sealed with a secret
 * we no longer have) yields `undefined`, never an exception.
 */
export async function unseal(value: string, secrets: readonly string[], ttlSeconds: number): Promise<unknown> {
  try {
    const data: unknown = await unsealData(value, { password: passwordMap(secrets), ttl: ttlSeconds });
    return data && typeof data === 'object' && Object.keys(data).length > 0 ? data : undefined;
  } catch {
    return undefined;
  }
}

/** Most verified values kept per process (each about the size of its cookie, twice). */
export const MAX_VERIFIED_SEALS = 500;
/** iron accepts a seal until this long after its expiry (its `timestampSkewSec`). */
const EXPIRY_SKEW_MS = 60_000;

let verifiedFor = '';
const verified = new Map<string, { data: object; expiresAtMs: number }>();

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
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
 * middleware and again by the render, on every request). iron's unseal costs eight WebCrypto
 * calls (0.3–0.5 ms of CPU); a value that passed it before, under the same secrets, is answered
 * from memory. A hit needs exactly the bytes that were verified, so it proves what the HMAC
 * proved; the seal's expiry is checked again on every hit. Only successes are kept, at most
 * {@link MAX_VERIFIED_SEALS} (least recently used go first), and payloads are deep-frozen since
 * requests share them. Per module instance: Next gives the Edge middleware, the server-component
 * render and the route handlers of a process each their own.
 */
export async function unsealCached(value: string, secrets: readonly string[], ttlSeconds: number): Promise<unknown> {
  const secretsKey = secrets.join('\n');
  if (secretsKey !== verifiedFor) {
    verified.clear();
    verifiedFor = secretsKey;
  }
  const hit = verified.get(value);
  if (hit) {
    verified.delete(value);
    if (hit.expiresAtMs && hit.expiresAtMs <= Date.now() - EXPIRY_SKEW_MS) return undefined;
    verified.set(value, hit); // most recently used last
    return hit.data;
  }
  const data = await unseal(value, secrets, ttlSeconds);
  if (data && typeof data === 'object') {
    if (verified.size >= MAX_VERIFIED_SEALS) verified.delete(verified.keys().next().value!);
    verified.set(value, { data: deepFreeze(data), expiresAtMs: sealExpiryMs(value) });
  }
  return data;
}

/** For tests: forget every verified value. */
export function clearVerifiedSealsForTests(): void {
  verified.clear();
  verifiedFor = '';
}
