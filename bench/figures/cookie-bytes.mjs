// cookie-bytes: how big the session cookie gets. The sizes come from bench/cookie-bytes.ts; the
// 10+10 Cookie header is then sent to the running app, and the demo user's own cookie is measured.
import { COOKIE_SECRET } from '../lib/demo.mjs';
import { runInProcess } from '../lib/in-process.mjs';
import { log } from '../lib/log.mjs';

/** `jar`: the signed-in demo user after visiting every dashboard page. */
export async function cookieBytes({ appUrl, jar }) {
  log('cookie-bytes …');
  const data = await runInProcess('cookie-bytes', { env: { BENCH_COOKIE_SECRET: COOKIE_SECRET } });
  const liveHeader = data.liveCookieHeader;
  delete data.liveCookieHeader;
  const response = await fetch(`${appUrl}/protected`, {
    redirect: 'manual',
    headers: { cookie: liveHeader, accept: 'text/html' },
    signal: AbortSignal.timeout(20_000),
  });
  const body = await response.text();
  const sessionCookies = jar.rootCookies().filter(([name]) => name.startsWith('logto_session'));
  return {
    ...data,
    live10plus10: {
      path: '/protected',
      cookieHeaderBytes: Buffer.byteLength(liveHeader),
      status: response.status,
      rendered: response.status === 200 && body.includes('vt7mkhfawfl9'),
    },
    demoUserSession: {
      note: 'the signed-in demo user after visiting every dashboard page (2 API + 2 organization tokens), as held by the bench browser (no Secure attribute on http)',
      cookies: sessionCookies.map(([name, value]) => ({ name, nameValueBytes: Buffer.byteLength(`${name}=${value}`) })),
      cookieHeaderBytes: Buffer.byteLength(sessionCookies.map(([name, value]) => `${name}=${value}`).join('; ')),
    },
  };
}
