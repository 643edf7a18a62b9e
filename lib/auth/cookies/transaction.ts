import { cookieName, cookieOptions, deletion, type CookieReader, type CookieWrite } from './cookie-store.js';
import { seal, unseal } from './seal.js';

/**
 * One sign-in attempt: everything the callback must check, sealed in its own cookie.
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-10.12 (state)
 * @see https://www.rfc-editor.org/rfc/rfc7636#section-4 (PKCE)
 * @see https://openid.net/specs/openid-connect-core-1_0.html#NonceNotes (nonce)
 */
export interface SignInTransaction {
  /** The `state` sent to Logto; the callback's must equal it (CSRF). */
  state: string;
  /** The `nonce` sent to Logto; the ID token's must equal it (replay). */
  nonce: string;
  /** The PKCE verifier whose S256 challenge was sent; the code exchange presents it. */
  codeVerifier: string;
  /** The exact `redirect_uri` sent, which the code exchange must repeat. */
  redirectUri: string;
  /** The already-checked same-origin path to land on after sign-in. */
  returnTo: string;
  /** When the attempt started, in epoch seconds. */
  createdAt: number;
  /** `prompt=login` was sent: the ID token must show an authentication after `createdAt`. */
  reauthenticate?: boolean;
  /** `max_age` that was sent, in seconds: the ID token's `auth_time` must be that recent. */
  maxAge?: number;
  /** API resources sent beyond the configured ones (the `resource` option), for the session to remember. */
  resources?: string[];
}

/** Every transaction cookie's name starts with this (after `__Host-` on https). */
export const TRANSACTION_PREFIX = 'logto_txn.';
/** How long a sign-in attempt can be completed: 10 minutes. */
const TRANSACTION_TTL_SECONDS = 10 * 60;
/** Attempts kept at once (tabs, retries); older ones are dropped first. */
export const MAX_TRANSACTIONS = 5;

/**
 * The cookie name for an attempt: derived from its state, so the callback finds it directly;
 * `__Host-` prefixed on https.
 */
export const transactionCookieName = (state: string, secure = false) =>
  cookieName(`${TRANSACTION_PREFIX}${state.slice(0, 16)}`, secure);

const transactionPrefix = (secure: boolean) => cookieName(TRANSACTION_PREFIX, secure);

function isTransaction(value: unknown): value is SignInTransaction {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    ['state', 'nonce', 'codeVerifier', 'redirectUri', 'returnTo'].every((key) => typeof record[key] === 'string') &&
    typeof record.createdAt === 'number' &&
    (record.reauthenticate === undefined || typeof record.reauthenticate === 'boolean') &&
    (record.maxAge === undefined || typeof record.maxAge === 'number') &&
    (record.resources === undefined || (Array.isArray(record.resources) && record.resources.every((resource) => typeof resource === 'string')))
  );
}

/**
 * The attempt `state` names, or `undefined` when its cookie is absent, expired, tampered with or
 * not an attempt.
 */
export async function readTransaction(
  reader: CookieReader,
  state: string,
  settings: { secrets: readonly string[]; secure: boolean },
): Promise<SignInTransaction | undefined> {
  const sealed = reader.get(transactionCookieName(state, settings.secure))?.value;
  if (!sealed) return undefined;
  const data = await unseal(sealed, settings.secrets, TRANSACTION_TTL_SECONDS);
  return isTransaction(data) ? data : undefined;
}

/**
 * Seals a new attempt into its own cookie and, when more than `MAX_TRANSACTIONS` would be
 * pending, deletes the oldest (unreadable ones first).
 */
export async function writeTransaction(
  reader: CookieReader,
  transaction: SignInTransaction,
  settings: { secrets: readonly string[]; secure: boolean },
): Promise<CookieWrite[]> {
  const sealed = await seal(transaction, settings.secrets, TRANSACTION_TTL_SECONDS);
  const writes: CookieWrite[] = [
    {
      name: transactionCookieName(transaction.state, settings.secure),
      value: sealed,
      options: cookieOptions(settings.secure, TRANSACTION_TTL_SECONDS),
    },
  ];

  const prefix = transactionPrefix(settings.secure);
  const pending = reader.getAll().filter((cookie) => cookie.name.startsWith(prefix) && cookie.value);
  if (pending.length + 1 > MAX_TRANSACTIONS) {
    const aged = await Promise.all(
      pending.map(async (cookie) => {
        const data = await unseal(cookie.value, settings.secrets, TRANSACTION_TTL_SECONDS);
        return { name: cookie.name, createdAt: isTransaction(data) ? data.createdAt : -1 };
      }),
    );
    aged.sort((a, b) => a.createdAt - b.createdAt);
    for (const stale of aged.slice(0, pending.length + 1 - MAX_TRANSACTIONS)) {
      writes.push(deletion(stale.name, settings.secure));
    }
  }
  return writes;
}

/** The write that deletes the attempt of `state` (done at the callback, whatever its outcome). */
export function clearTransaction(state: string, secure: boolean): CookieWrite {
  return deletion(transactionCookieName(state, secure), secure);
}

/** The writes that delete every pending attempt's cookie (done at sign-out). */
export function clearAllTransactions(reader: CookieReader, secure: boolean): CookieWrite[] {
  return reader
    .getAll()
    .filter((cookie) => cookie.name.startsWith(transactionPrefix(secure)))
    .map((cookie) => deletion(cookie.name, secure));
}
