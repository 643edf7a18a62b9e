/** The read side shared by `NextRequest.cookies` and `await cookies()`. */
export interface CookieReader {
  get(name: string): { value: string } | undefined;
  getAll(): { name: string; value: string }[];
}

/**
 * The attributes of every cookie the library writes: `HttpOnly`, `SameSite=Lax`, `Path=/`, no
 * `Domain`, and `Secure` on https.
 * @see https://httpwg.org/http-extensions/draft-ietf-httpbis-rfc6265bis.html#name-the-__host-prefix
 */
interface CookieOptions {
  httpOnly: true;
  sameSite: 'lax';
  secure: boolean;
  path: '/';
  /** Seconds (`Max-Age`); 0 deletes the cookie. */
  maxAge: number;
}

/** One `Set-Cookie` to emit. An empty value with `maxAge: 0` deletes the cookie. */
export interface CookieWrite {
  name: string;
  value: string;
  options: CookieOptions;
}

/** The write side shared by `NextResponse.cookies` and `await cookies()` in actions and handlers. */
interface CookieWriter {
  set(name: string, value: string, options: CookieOptions): unknown;
}

/**
 * A cookie's name: with the `__Host-` prefix on https, so the browser only accepts it from this
 * host, `Secure`, with `Path=/` and no `Domain` (RFC 6265bis section 4.1.3.2).
 * @see https://httpwg.org/http-extensions/draft-ietf-httpbis-rfc6265bis.html#name-the-__host-prefix
 */
export const cookieName = (name: string, secure: boolean) => (secure ? `__Host-${name}` : name);

/** The library's cookie attributes (see `CookieOptions`) with this `Secure` flag and `Max-Age`. */
export function cookieOptions(secure: boolean, maxAge: number): CookieOptions {
  return { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge };
}

/** The write that deletes cookie `name`: an empty value, `Max-Age=0`, the same attributes. */
export function deletion(name: string, secure: boolean): CookieWrite {
  return { name, value: '', options: cookieOptions(secure, 0) };
}

/** Emits `writes` on a response's or an action's cookie store, in order. */
export function applyCookieWrites(writer: CookieWriter, writes: readonly CookieWrite[]): void {
  for (const write of writes) writer.set(write.name, write.value, write.options);
}

/** Whether cookies must carry `Secure`: everywhere except plain-http development origins. */
export function isSecureOrigin(origin: string): boolean {
  return new URL(origin).protocol === 'https:';
}
