/**
 * cookie-bytes: seals sessions with 0, 3+3 and 10+10 cached API/organization tokens through the
 * product's own `writeSessionCookie`, serialises the cookies with `NextResponse` exactly as the
 * middleware and route handlers do, and measures every `Set-Cookie` line and the `Cookie` header
 * a browser would send back. Production settings (`Secure`).
 *
 *   node --import tsx bench/cookie-bytes.ts   → one JSON line on stdout
 *
 * With BENCH_COOKIE_SECRET set it also prints, for the 10+10 case, a `Cookie` header sealed with
 * that secret and fresh claims, which `npm run bench` sends to the running app.
 */
import { NextResponse } from 'next/server';
import { applyCookieWrites } from '@/lib/auth/cookies/cookie-store';
import { SESSION_BUDGET } from '@/lib/auth/cookies/session-cookie';
import { sealSession, sessionWith } from './fixtures';

const SCENARIOS = [
  [0, 0],
  [3, 3],
  [10, 10],
] as const;

const BROWSER_COOKIE_LIMIT = 4096;

async function main(): Promise<void> {
  const now = Math.floor(Date.now() / 1000);
  const settings = { secrets: ['bench-cookie-secret-that-is-long-enough-0123456789'], secure: true };
  const scenarios = [];
  for (const [resources, organizations] of SCENARIOS) {
    const session = await sessionWith(resources, organizations, now);
    const { writes, kept, cookieHeader } = await sealSession(session, settings);
    const response = NextResponse.next();
    applyCookieWrites(response.cookies, writes);
    const setCookies = response.headers.getSetCookie();
    const cookies = writes.map((write, index) => ({
      name: write.name,
      nameValueBytes: Buffer.byteLength(`${write.name}=${write.value}`),
      setCookieBytes: Buffer.byteLength(setCookies[index] ?? ''),
    }));
    const keptKeys = Object.keys(kept.tokens);
    scenarios.push({
      label: `${resources}+${organizations}`,
      resources,
      organizations,
      keptResources: keptKeys.filter((key) => !key.startsWith('urn:logto:organization:')).length,
      keptOrganizations: keptKeys.filter((key) => key.startsWith('urn:logto:organization:')).length,
      cookieCount: cookies.length,
      largestSetCookieBytes: Math.max(...cookies.map((cookie) => cookie.setCookieBytes)),
      cookieHeaderBytes: Buffer.byteLength(cookieHeader),
      everyCookieWithinLimit: cookies.every((cookie) => cookie.setCookieBytes <= BROWSER_COOKIE_LIMIT),
      cookies,
      exampleSetCookie: (setCookies[0] ?? '').replace(/=[^;]{24,}/, '=<sealed>'),
    });
  }

  let liveCookieHeader: string | undefined;
  const liveSecret = process.env.BENCH_COOKIE_SECRET;
  if (liveSecret) {
    const session = await sessionWith(10, 10, now);
    liveCookieHeader = (await sealSession(session, { secrets: [liveSecret], secure: false })).cookieHeader;
  }
  process.stdout.write(
    `${JSON.stringify({ budgetBytes: SESSION_BUDGET, browserCookieLimit: BROWSER_COOKIE_LIMIT, scenarios, liveCookieHeader })}\n`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
