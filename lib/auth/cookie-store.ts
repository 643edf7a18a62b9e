/** The read side shared by `NextRequest.cookies` and `await cookies()`. */
export interface CookieReader {
  get(name: string): { value: string } | undefined;
  getAll(): { name: string; value: string }[];
}

export interface CookieOptions {
  httpOnly: true;
  sameSite: 'lax';
  secure: boolean;
  path: '/';
  /** Seconds; 0 deletes the cookie. */
  maxAge: number;
}

/** One `Set-Cookie` to emit. An empty value with `maxAge: 0` deletes the cookie. */
export interface CookieWrite {
  name: string;
  value: string;
  options: CookieOptions;
}

/** The write side shared by `NextResponse.cookies` and `await cookies()` in actions and handlers. */
export interface CookieWriter {
  set(name: string, value: string, options: CookieOptions): unknown;
}

/**
 * A cookie's name: with the `__Host-` prefix on https, so the browser only accepts it from this
 * host, `Secure`, with `Path=/` and no `Domain` (RFC 6265bis section 4.1.3.2).
 */
export const cookieName = (name: string, secure: boolean) => (secure ? `__Host-${name}` : name);

export function cookieOptions(secure: boolean, maxAge: number): CookieOptions {
  return { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge };
}

export function deletion(name: string, secure: boolean): CookieWrite {
  return { name, value: '', options: cookieOptions(secure, 0) };
}

export function applyCookieWrites(writer: CookieWriter, writes: readonly CookieWrite[]): void {
  for (const write of writes) writer.set(write.name, write.value, write.options);
}

/** Whether cookies must carry `Secure`: everywhere except plain-http development origins. */
export function isSecureOrigin(origin: string): boolean {
  return new URL(origin).protocol === 'https:';
}
