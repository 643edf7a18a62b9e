import { CookieJar } from './harness.js';

/** What the render sees: Next forwards overridden request headers as `x-middleware-request-*`. */
export const forwarded = (response: Response, name: string) => response.headers.get(`x-middleware-request-${name}`);

/** Whether the middleware let the request through to the render. */
export const isPassThrough = (response: Response) => response.headers.get('x-middleware-next') === '1';

/** A second browser holding the same cookies (a copied cookie, a racing tab). */
export function copyJar(source: CookieJar): CookieJar {
  const copy = new CookieJar();
  for (const [name, value] of source.cookies) copy.cookies.set(name, value);
  return copy;
}
