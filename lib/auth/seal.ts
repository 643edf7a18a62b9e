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
