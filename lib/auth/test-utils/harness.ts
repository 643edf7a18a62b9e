/**
 * Drives the Next.js route handlers and middleware in-process against the fetch-based fake
 * Logto (`createMockIdp`), with a small cookie jar standing in for the browser.
 *
 *   const h = await createHarness();
 *   await h.signIn();                       // sign-in → authorize → callback; jar holds the session
 *   const res = await h.middleware('/protected/resources');
 */
import { NextRequest, type NextResponse } from 'next/server';
import { getConfig, resetConfigForTests } from '../../config.js';
import { clearDiscoveryCache } from '../../logto/discovery.js';
import { clearJwksCache } from '../../logto/jwks.js';
import { createMockIdp, type MockIdp, type MockIdpOptions } from '../../logto/test-utils/mock-idp.js';
import { createLogto, type LogtoOptions } from '../create-logto.js';
import { setLogtoFetchForTests } from '../logto-client.js';
import type { LogtoMiddlewareOptions } from '../middleware/middleware.js';
import { clearVerifiedSealsForTests } from '../cookies/seal.js';
import { readSessionCookie } from '../cookies/session-cookie.js';
import type { SessionData } from '../cookies/session-data.js';
import { resetRefreshMemoryForTests } from '../refresh/token-refresh.js';

export const APP_ORIGIN = 'http://localhost:3000';
export const COOKIE_SECRET = 'test-cookie-secret-0123456789-abcdefghijklmnop';
export const RESOURCE = 'https://api.example.com';
export const ORGANIZATION = '5cwr352q7v3q';

export class CookieJar {
  readonly cookies = new Map<string, string>();

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  /** Applies a response's Set-Cookie headers the way a browser would. */
  absorb(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const separator = pair.indexOf('=');
      const name = pair.slice(0, separator).trim();
      const value = pair.slice(separator + 1).trim();
      const expired = attributes.some((attribute) => /^\s*max-age=0\s*$/i.test(attribute) || /expires=Thu, 01 Jan 1970/i.test(attribute));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  names(): string[] {
    return [...this.cookies.keys()];
  }
}

export interface HarnessOptions {
  idp?: MockIdpOptions;
  env?: Record<string, string | undefined>;
  middleware?: LogtoMiddlewareOptions;
  /** Options for the `createLogto` instance under test (paths, settings in code, …). */
  logto?: LogtoOptions;
}

/** The session a jar holds, read with the current configuration; throws when it is not valid. */
export async function readJarSession(jar: CookieJar): Promise<SessionData> {
  const reader = {
    get: (name: string) => (jar.cookies.has(name) ? { value: jar.cookies.get(name)! } : undefined),
    getAll: () => [...jar.cookies].map(([name, value]) => ({ name, value })),
  };
  const read = await readSessionCookie(reader, { secrets: getConfig().cookieSecrets, secure: false });
  if (read.status !== 'valid') throw new Error(`the jar holds no valid session (${read.status})`);
  return read.session;
}

const ENV_KEYS = ['LOGTO_ENDPOINT', 'LOGTO_APP_ID', 'LOGTO_APP_SECRET', 'LOGTO_COOKIE_SECRET', 'LOGTO_BASE_URL', 'LOGTO_SCOPES', 'LOGTO_RESOURCES', 'LOGTO_OUTAGE_GRACE_SECONDS', 'LOGTO_SESSION_STORE', 'LOGTO_SESSION_STORE_CACHE_SECONDS'];

export async function createHarness(options: HarnessOptions = {}) {
  const idp: MockIdp = await createMockIdp(options.idp);
  const env: Record<string, string | undefined> = {
    LOGTO_ENDPOINT: idp.endpoint,
    LOGTO_APP_ID: idp.clientId,
    LOGTO_APP_SECRET: idp.clientSecret,
    LOGTO_COOKIE_SECRET: COOKIE_SECRET,
    LOGTO_BASE_URL: APP_ORIGIN,
    LOGTO_SCOPES: 'email roles urn:logto:scope:organizations urn:logto:scope:organization_roles read write read:members',
    LOGTO_RESOURCES: RESOURCE,
    ...options.env,
  };
  for (const key of ENV_KEYS) delete process.env[key];
  for (const [key, value] of Object.entries(env)) if (value !== undefined) process.env[key] = value;
  resetConfigForTests();
  resetRefreshMemoryForTests();
  clearVerifiedSealsForTests();
  clearDiscoveryCache();
  clearJwksCache();
  setLogtoFetchForTests(idp.fetch);

  const jar = new CookieJar();
  const logto = createLogto({
    ...(options.middleware ?? {
      tokensFor: (pathname, session) =>
        pathname.startsWith('/protected/resources')
          ? { resources: [RESOURCE] }
          : pathname.startsWith('/protected/organizations')
            ? { organizations: session.claims.organizations ?? [] }
            : {},
    }),
    ...options.logto,
  });
  const { paths } = logto;

  const request = (path: string, init: { method?: string; headers?: Record<string, string>; jar?: CookieJar } = {}) => {
    const cookie = (init.jar ?? jar).header();
    return new NextRequest(new URL(path, APP_ORIGIN), {
      method: init.method ?? 'GET',
      headers: { ...(cookie ? { cookie } : {}), ...init.headers },
    });
  };

  const absorb = <T extends Response>(response: T, target = jar): T => {
    target.absorb(response);
    return response;
  };

  return {
    idp,
    jar,
    logto,
    request,
    async startSignIn(query = '', target = jar) {
      return absorb(await logto.handlers.GET(request(`${paths.signIn}${query}`, { jar: target })), target);
    },
    async callback(callbackUrl: string | URL, target = jar) {
      const url = new URL(callbackUrl);
      return absorb(await logto.handlers.GET(request(`${url.pathname}${url.search}`, { jar: target })), target);
    },
    /** The whole sign-in: start, the user signs in at the fake Logto, callback. */
    async signIn(query = '', target = jar) {
      const start = await this.startSignIn(query, target);
      const callbackUrl = await idp.authorize(start.headers.get('location')!);
      return this.callback(callbackUrl, target);
    },
    async middleware(path: string, init: { headers?: Record<string, string>; jar?: CookieJar } = {}): Promise<NextResponse> {
      return absorb(await logto.middleware(request(path, init)), init.jar ?? jar);
    },
    async signOut(headers: Record<string, string> = { origin: APP_ORIGIN }) {
      return absorb(await logto.handlers.POST(request(paths.signOut, { method: 'POST', headers })));
    },
    async user(target = jar) {
      return logto.handlers.GET(request(paths.user, { jar: target }));
    },
    /** Changes environment variables as an operator would between deploys (same fake Logto). */
    setEnv(patch: Record<string, string | undefined>) {
      for (const [key, value] of Object.entries(patch)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
      resetConfigForTests();
      clearVerifiedSealsForTests();
    },
    restore() {
      setLogtoFetchForTests(undefined);
    },
  };
}

export type Harness = Awaited<ReturnType<typeof createHarness>>;
