/**
 * The store's keys: `next-logto:<namespace>:<kind>:<id>`, one namespace per app (its Logto app
 * id), so apps sharing one Redis never see each other's logouts.
 *
 * Ids are percent-encoded byte by byte (UTF-8), keeping only `A-Z a-z 0-9 - _ ~`, so a `:`
 * (unstorage's separator), `/`, `?` or `.` (unstorage refuses `.` and `..` segments) inside a `sid`
 * or `sub` cannot make two ids share a key; the empty id becomes a lone `%`, which no encoding
 * produces. Unlike `encodeURIComponent`, this never throws (a lone surrogate becomes U+FFFD).
 */
const UNRESERVED = /^[A-Za-z0-9_~-]$/;
const utf8 = new TextEncoder();

function encodeId(id: string): string {
  if (id === '') return '%';
  let encoded = '';
  for (const byte of utf8.encode(id)) {
    const char = String.fromCharCode(byte);
    encoded += UNRESERVED.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return encoded;
}

/** The store keys of one app's revocations (see `revocationKeys`). */
export interface RevocationKeys {
  /** A logged-out session, by its `sid` (Back-Channel Logout §2.4). */
  sid(sid: string): string;
  /** Every session of `sub` signed in at or before the stored time (a logout token with no `sid`). */
  sub(sub: string): string;
  /** The sessions of `sub` that carry no `sid`, signed in at or before the stored time. */
  subWithoutSid(sub: string): string;
  /** A logout token's `jti`, remembered to refuse a replay (Back-Channel Logout §2.6, the optional `jti` check). */
  jti(jti: string): string;
}

/** The keys of `namespace` (the app id): `next-logto:<namespace>:{sid|sub|sub-nosid|jti}:<encoded id>`. */
export function revocationKeys(namespace: string): RevocationKeys {
  const prefix = `next-logto:${encodeId(namespace)}`;
  return {
    sid: (sid) => `${prefix}:sid:${encodeId(sid)}`,
    sub: (sub) => `${prefix}:sub:${encodeId(sub)}`,
    subWithoutSid: (sub) => `${prefix}:sub-nosid:${encodeId(sub)}`,
    jti: (jti) => `${prefix}:jti:${encodeId(jti)}`,
  };
}
