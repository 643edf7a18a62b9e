import { Bytes, ironCrypto, ironCryptoNow, type IronCrypto, type IronKey, type KeyPurpose } from './iron-crypto.js';

/**
 * iron seals (`Fe26.2*id*salt*iv*data*expiry*salt*mac~2`, iron-session's format, read by
 * iron-session's `unsealData`) with the derived keys kept.
 *
 * iron derives an AES-256-CBC key and an HMAC-SHA-256 key from the password and a salt with
 * PBKDF2 (SHA-1, one iteration) for every seal and every unseal: six of the eight WebCrypto calls
 * an unseal costs. Its salts only vary the derived keys (one iteration adds no strength against
 * guessing; the secrets are 32+ random characters), so here:
 * - sealing is iron's seal with a pair of salts drawn once per process and secret instead of once
 *   per seal (still a random IV per seal: AES-CBC and HMAC under one key pair, as any
 *   encrypt-then-MAC scheme is used);
 * - unsealing does iron's checks in iron's order (prefix, expiry with iron's 60 s skew, password
 *   id, MAC in constant time, then decryption) with keys derived once per secret and salt. A key
 *   is only kept once a MAC made with it has verified, so a stream of forged salts cannot push
 *   the real ones out (they cost a derivation each, as with iron, and are forgotten).
 * The primitives are Node's `crypto` on Node and WebCrypto elsewhere (`iron-crypto.ts`). Both are
 * cross-checked against iron-session's own `sealData` / `unsealData` in iron.test.ts.
 */

const PREFIX = 'Fe26.2';
/** iron's `timestampSkewSec`: a seal is accepted until this long after its expiry. */
const EXPIRY_SKEW_MS = 60_000;
/** Derived keys kept per process: a few per secret and instance that wrote cookies this process reads. */
export const MAX_DERIVED_KEYS = 256;
/** A salt as this module (and iron-session) draws them: hex. */
const SALT = /^[0-9a-f]{16,128}$/;
/**
 * An HMAC-SHA-256 in canonical base64url: 32 bytes are 43 characters, the last of which carries 2
 * padding bits that must be zero (values 0, 4, … 60). Another spelling decodes to the same bytes.
 */
const CANONICAL_MAC = /^[\w-]{42}[AEIMQUYcgkosw048]$/;
/** iron-session's version suffix. */
const VERSION_SUFFIX = '~2';

const derivedKeys = new Map<string, IronKey>();
const processSalts = new Map<string, { encryption: string; integrity: string }>();

const keyId = (implementation: IronCrypto, secret: string, salt: string, purpose: KeyPurpose) =>
  `${implementation.name}\u0000${purpose}\u0000${salt}\u0000${secret}`;

/** A verified key is kept, least recently used dropped first. */
function keep(id: string, key: IronKey): void {
  derivedKeys.delete(id);
  if (derivedKeys.size >= MAX_DERIVED_KEYS) derivedKeys.delete(derivedKeys.keys().next().value!);
  derivedKeys.set(id, key);
}

function kept(id: string): IronKey | undefined {
  const key = derivedKeys.get(id);
  if (key) {
    derivedKeys.delete(id);
    derivedKeys.set(id, key);
  }
  return key;
}

function randomSalt(): string {
  return [...crypto.getRandomValues(new Bytes(32))].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** The salts this process seals with under `secret`. */
function saltsFor(secret: string) {
  let salts = processSalts.get(secret);
  if (!salts) {
    salts = { encryption: randomSalt(), integrity: randomSalt() };
    if (processSalts.size >= 16) processSalts.clear();
    processSalts.set(secret, salts);
  }
  return salts;
}

/** This process's key for its own salt (trusted: it drew the salt). */
async function ownKey(implementation: IronCrypto, secret: string, salt: string, purpose: KeyPurpose): Promise<IronKey> {
  const id = keyId(implementation, secret, salt, purpose);
  const key = kept(id) ?? (await implementation.deriveKey(secret, salt, purpose));
  keep(id, key);
  return key;
}

/**
 * Seals `data` as iron-session's `sealData` does (iron's seal: AES-256-CBC with a random IV, then
 * HMAC-SHA-256 over the rest, expiry `ttlSeconds` from now), under password `id`, with this
 * process's salts.
 */
export async function sealIron(data: object, id: string, secret: string, ttlSeconds: number, now = Date.now()): Promise<string> {
  const implementation = await ironCrypto();
  const salts = saltsFor(secret);
  const iv = crypto.getRandomValues(new Bytes(16));
  const encrypted = await implementation.encrypt(await ownKey(implementation, secret, salts.encryption, 'encryption'), iv, JSON.stringify(data));
  const { toBase64Url } = implementation;
  const macBase = `${PREFIX}*${id}*${salts.encryption}*${toBase64Url(iv)}*${toBase64Url(encrypted)}*${now + ttlSeconds * 1000}`;
  const mac = await implementation.sign(await ownKey(implementation, secret, salts.integrity, 'integrity'), macBase);
  return `${macBase}*${salts.integrity}*${toBase64Url(mac)}${VERSION_SUFFIX}`;
}

/**
 * The payload of an iron-session seal (`…~2`) under the secret `secretFor(id)` names, or
 * `undefined` for anything else: a malformed, expired, foreign or tampered value, or one whose
 * MAC is not in iron's canonical encoding.
 */
export async function unsealIron(value: string, secretFor: (id: string) => string | undefined, now = Date.now()): Promise<unknown> {
  if (!value.endsWith(VERSION_SUFFIX)) return undefined;
  const parts = value.slice(0, -VERSION_SUFFIX.length).split('*');
  if (parts.length !== 8) return undefined;
  const [prefix, id, encryptionSalt, ivText, encryptedText, expiration, integritySalt, macText] = parts as [string, string, string, string, string, string, string, string];
  // The integrity salt is the one part neither the MAC nor a decoding checks: it must look like ours.
  if (prefix !== PREFIX || !encryptionSalt || !SALT.test(integritySalt)) return undefined;
  if (!/^\d{1,16}$/.test(expiration) || Number(expiration) <= now - EXPIRY_SKEW_MS) return undefined;
  const secret = secretFor(id);
  if (secret === undefined) return undefined;

  const implementation = ironCryptoNow() ?? (await ironCrypto());
  if (!CANONICAL_MAC.test(macText)) return undefined;
  const mac = implementation.fromBase64Url(macText);
  if (!mac || mac.length !== 32) return undefined;
  const macBase = `${prefix}*${id}*${encryptionSalt}*${ivText}*${encryptedText}*${expiration}`;
  const integrityId = keyId(implementation, secret, integritySalt, 'integrity');
  const integrityKey = kept(integrityId) ?? (await implementation.deriveKey(secret, integritySalt, 'integrity'));
  const verdict = implementation.verify(integrityKey, mac, macBase);
  if (!(typeof verdict === 'boolean' ? verdict : await verdict)) return undefined;
  keep(integrityId, integrityKey);

  const iv = implementation.fromBase64Url(ivText);
  const encrypted = implementation.fromBase64Url(encryptedText);
  if (!iv || iv.length !== 16 || !encrypted) return undefined;
  const encryptionId = keyId(implementation, secret, encryptionSalt, 'encryption');
  const encryptionKey = kept(encryptionId) ?? (await implementation.deriveKey(secret, encryptionSalt, 'encryption'));
  keep(encryptionId, encryptionKey);
  const decrypted = implementation.decrypt(encryptionKey, iv, encrypted);
  const plain = typeof decrypted === 'string' || decrypted === undefined ? decrypted : await decrypted;
  if (plain === undefined) return undefined;
  try {
    return JSON.parse(plain) as unknown;
  } catch {
    return undefined;
  }
}

/** For tests: forget every derived key and this process's salts. */
export function clearIronKeysForTests(): void {
  derivedKeys.clear();
  processSalts.clear();
}

/** For tests: how many derived keys are kept. */
export const derivedKeyCount = () => derivedKeys.size;
