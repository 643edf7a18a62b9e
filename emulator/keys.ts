import { createHash, generateKeyPairSync } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { JWK } from 'jose';

export const SIGNING_ALG = 'ES384';

/** Generates a P-384 signing key, Logto's default (`secp384r1`, ES384). */
export function generateSigningKey(): JWK {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-384' });
  return normalizeSigningKey(privateKey.export({ format: 'jwk' }) as JWK);
}

/**
 * Returns the signing key kept in `<dataDir>/keys.json`, creating the folder and the key on
 * first use. The file holds `{ "keys": [<private JWK>] }`.
 */
export async function loadOrCreateSigningKey(dataDir: string): Promise<JWK> {
  const file = join(dataDir, 'keys.json');
  let text: string | undefined;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }

  if (text !== undefined) {
    const parsed = JSON.parse(text) as { keys?: unknown };
    const [key] = Array.isArray(parsed.keys) ? (parsed.keys as JWK[]) : [];
    if (!key) throw new Error(`${file} holds no key; delete it to generate a new one`);
    return normalizeSigningKey(key);
  }

  const key = generateSigningKey();
  await mkdir(dataDir, { recursive: true });
  await writeFile(file, `${JSON.stringify({ keys: [key] }, null, 2)}\n`, { mode: 0o600 });
  return key;
}

/** Checks the key is a private P-384 EC JWK and adds `kid`, `alg` and `use` like Logto's keys. */
export function normalizeSigningKey(key: JWK): JWK {
  if (key.kty !== 'EC' || key.crv !== 'P-384' || !key.d || !key.x || !key.y) {
    throw new Error('the emulator signing key must be a private EC P-384 JWK');
  }
  return {
    kty: 'EC',
    crv: 'P-384',
    x: key.x,
    y: key.y,
    d: key.d,
    kid: key.kid ?? calculateKid(key),
    alg: SIGNING_ALG,
    use: 'sig',
  };
}

/** base64url(SHA-256 of the JSON {crv,kty,x,y}), as Logto and oidc-provider compute it. */
function calculateKid(key: JWK): string {
  const components = JSON.stringify({ crv: key.crv, kty: key.kty, x: key.x, y: key.y });
  return createHash('sha256').update(components).digest('base64url');
}
