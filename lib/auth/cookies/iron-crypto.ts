/**
 * The primitives an iron seal needs (PBKDF2-SHA-1 key derivation, AES-256-CBC, HMAC-SHA-256,
 * base64url), in two implementations with the same results:
 * - WebCrypto, which every runtime has (the Edge middleware uses it);
 * - Node's `crypto`, synchronous, where the code runs on Node (server components, route handlers,
 *   a Node middleware or `proxy.ts`). Each WebCrypto call on Node is a job on the thread pool and
 *   costs tens of microseconds of scheduling whatever its size; the session's seal takes two.
 * Node's module is imported only behind `process.env.NEXT_RUNTIME !== 'edge'`, which Next
 * replaces at build time, so no Edge bundle contains it (checked in iron.test.ts).
 */

/** A derived key, as the implementation that derived it holds it. */
export type IronKey = CryptoKey | Uint8Array;

/** Which of the two keys of a seal. */
export type KeyPurpose = 'encryption' | 'integrity';

/** One implementation of the primitives: WebCrypto (`webIronCrypto`) or Node's `crypto`. */
export interface IronCrypto {
  readonly name: 'webcrypto' | 'node';
  deriveKey(secret: string, salt: string, purpose: KeyPurpose): Promise<IronKey>;
  encrypt(key: IronKey, iv: Uint8Array<ArrayBuffer>, plain: string): Promise<Uint8Array>;
  /**
   * The plaintext, or `undefined` when the padding does not check out. Node's implementation
   * answers at once (no promise: an unseal is on every first sight of a cookie).
   */
  decrypt(key: IronKey, iv: Uint8Array<ArrayBuffer>, data: Uint8Array<ArrayBuffer>): string | undefined | Promise<string | undefined>;
  sign(key: IronKey, data: string): Promise<Uint8Array>;
  /** Constant-time comparison of `mac` with the HMAC of `data`; at once on Node, as `decrypt`. */
  verify(key: IronKey, mac: Uint8Array<ArrayBuffer>, data: string): boolean | Promise<boolean>;
  toBase64Url(bytes: Uint8Array): string;
  /** The bytes of a base64url text, or `undefined` when it is not base64url. */
  fromBase64Url(text: string): Uint8Array<ArrayBuffer> | undefined;
}

/**
 * `Uint8Array` itself. The Edge sandbox (edge-runtime, which `next start` and `next dev` run
 * middleware in) replaces the global with a Proxy so that `instanceof` works across realms, and
 * arrays made through that Proxy are read and written about eight times slower: decoding the
 * demo user's 4.7 KB session took 150 µs instead of 20 (bench/README.md, "Where a first sight
 * goes"). The prototype's `constructor` is the real one, and its arrays still pass `instanceof`.
 */
export const Bytes = Uint8Array.prototype.constructor as Uint8ArrayConstructor;

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const BASE64URL = /^[\w-]*$/;

const passwordKeys = new Map<string, Promise<CryptoKey>>();

function passwordKey(secret: string): Promise<CryptoKey> {
  let key = passwordKeys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'PBKDF2' }, false, ['deriveBits']);
    if (passwordKeys.size >= 16) passwordKeys.clear();
    passwordKeys.set(secret, key);
  }
  return key;
}

const asCryptoKey = (key: IronKey) => key as CryptoKey;

/** WebCrypto: what every runtime has. */
export const webIronCrypto: IronCrypto = {
  name: 'webcrypto',
  async deriveKey(secret, salt, purpose) {
    // iron's generateKey: PBKDF2 with SHA-1, one iteration, 256 bits, the salt's UTF-8 bytes.
    const bits = await crypto.subtle.deriveBits(
      { name: 'PBKDF2', hash: 'SHA-1', salt: encoder.encode(salt), iterations: 1 },
      await passwordKey(secret),
      256,
    );
    return purpose === 'encryption'
      ? crypto.subtle.importKey('raw', bits, { name: 'AES-CBC' }, false, ['encrypt', 'decrypt'])
      : crypto.subtle.importKey('raw', bits, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
  },
  async encrypt(key, iv, plain) {
    return new Bytes(await crypto.subtle.encrypt({ name: 'AES-CBC', iv }, asCryptoKey(key), encoder.encode(plain)));
  },
  async decrypt(key, iv, data) {
    try {
      return decoder.decode(await crypto.subtle.decrypt({ name: 'AES-CBC', iv }, asCryptoKey(key), data));
    } catch {
      return undefined;
    }
  },
  async sign(key, data) {
    return new Bytes(await crypto.subtle.sign('HMAC', asCryptoKey(key), encoder.encode(data)));
  },
  verify(key, mac, data) {
    return crypto.subtle.verify('HMAC', asCryptoKey(key), mac, encoder.encode(data));
  },
  toBase64Url(bytes) {
    let binary = '';
    for (let index = 0; index < bytes.length; index += 0x8000) binary += String.fromCharCode(...bytes.subarray(index, index + 0x8000));
    return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  },
  fromBase64Url: decodeBase64Url,
};

/** Each base64url character's value by char code; 255 for anything else. */
const BASE64URL_VALUES = (() => {
  const values = new Bytes(128).fill(255);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  for (let index = 0; index < alphabet.length; index += 1) values[alphabet.charCodeAt(index)] = index;
  return values;
})();

/**
 * base64url without padding, decoded with a table: `atob` would need the text rewritten to
 * base64 first, and on the Edge runtime it costs several times this loop (profiled).
 */
function decodeBase64Url(text: string): Uint8Array<ArrayBuffer> | undefined {
  const length = text.length;
  if (length % 4 === 1) return undefined;
  const bytes = new Bytes(Math.floor((length * 3) / 4));
  let buffer = 0;
  let bits = 0;
  let out = 0;
  for (let index = 0; index < length; index += 1) {
    const code = text.charCodeAt(index);
    const value = code < 128 ? BASE64URL_VALUES[code]! : 255;
    if (value === 255) return undefined;
    buffer = ((buffer << 6) | value) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[out++] = (buffer >> bits) & 0xff;
    }
  }
  return bytes;
}

type NodeCrypto = typeof import('node:crypto');

/** Node's `crypto`: the same operations, synchronous. */
function nodeIronCrypto(node: NodeCrypto): IronCrypto {
  const raw = (key: IronKey) => key as Uint8Array;
  return {
    name: 'node',
    async deriveKey(secret, salt) {
      return new Uint8Array(node.pbkdf2Sync(secret, salt, 1, 32, 'sha1'));
    },
    async encrypt(key, iv, plain) {
      const cipher = node.createCipheriv('aes-256-cbc', raw(key), iv);
      return new Uint8Array(Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]));
    },
    decrypt(key, iv, data) {
      try {
        const decipher = node.createDecipheriv('aes-256-cbc', raw(key), iv);
        return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
      } catch {
        return undefined;
      }
    },
    async sign(key, data) {
      return new Uint8Array(node.createHmac('sha256', raw(key)).update(data, 'utf8').digest());
    },
    verify(key, mac, data) {
      const expected = node.createHmac('sha256', raw(key)).update(data, 'utf8').digest();
      return expected.length === mac.length && node.timingSafeEqual(expected, mac);
    },
    toBase64Url(bytes) {
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url');
    },
    fromBase64Url(text) {
      if (!BASE64URL.test(text) || text.length % 4 === 1) return undefined;
      return new Uint8Array(Buffer.from(text, 'base64url'));
    },
  };
}

let chosen: Promise<IronCrypto> | undefined;
let resolved: IronCrypto | undefined;
let forced: IronCrypto | undefined;

/** The implementation `ironCrypto()` resolved to, once it has: what an unseal uses without waiting. */
export const ironCryptoNow = (): IronCrypto | undefined => forced ?? resolved;

/** Node's implementation on Node, WebCrypto elsewhere. */
export function ironCrypto(): Promise<IronCrypto> {
  if (forced) return Promise.resolve(forced);
  // An if/else on the literal: Next (like esbuild) replaces it at build time and drops the dead
  // branch, so the Edge bundle holds no import of Node's module.
  if (process.env.NEXT_RUNTIME === 'edge') {
    resolved = webIronCrypto;
    return Promise.resolve(webIronCrypto);
  } else {
    return (chosen ??= import('node:crypto')
      .then(
        (node) => (typeof Buffer === 'function' && typeof node.createHmac === 'function' ? nodeIronCrypto(node) : webIronCrypto),
        () => webIronCrypto,
      )
      .then((implementation) => (resolved = implementation)));
  }
}

/** For tests: use `implementation` (`'webcrypto'` or `'node'`), or the runtime's choice again (`undefined`). */
export async function useIronCryptoForTests(implementation: IronCrypto['name'] | undefined): Promise<void> {
  forced = undefined;
  if (implementation === 'webcrypto') {
    forced = webIronCrypto;
  } else if (implementation === 'node') {
    if (process.env.NEXT_RUNTIME === 'edge') {
      throw new Error('Node’s crypto is not available on the Edge runtime');
    } else {
      forced = nodeIronCrypto(await import('node:crypto'));
    }
  }
}
