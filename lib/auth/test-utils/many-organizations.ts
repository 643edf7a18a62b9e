/**
 * A member of many organizations browsing the dashboard, through the real middleware (with the
 * app's `tokensFor`, passed in: the library never imports the app) against the fake Logto:
 * token-endpoint calls and cookie bytes per view. Used by `app/_demo/dashboard-budget.test.ts`
 * (which asserts what must hold) and by `npm run bench` (which reports the figures).
 */
import { MAX_SESSION_CHUNKS, SESSION_BUDGET } from '../cookies/session-cookie.js';
import type { LogtoMiddlewareOptions } from '../middleware/middleware.js';
import { buildOrganizationUrn } from '../../logto/scopes.js';
import { tokenKeyFor } from '../refresh/token-refresh.js';
import { createHarness, readJarSession } from './harness.js';

/**
 * `count` organization ids shaped like Logto's (12 lowercase letters and digits), the same on
 * every run.
 */
export function logtoOrganizationIds(count: number): string[] {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  let seed = 20_261_122;
  const next = () => {
    // xorshift32: deterministic, no dependency.
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    seed >>>= 0;
    return alphabet[seed % alphabet.length]!;
  };
  return Array.from({ length: count }, () => Array.from({ length: 12 }, next).join(''));
}

/**
 * The ID-token profile of a member of `organizationIds`: Logto's observed claim set (see
 * `lib/logto/test-utils/observed/sign-in.json`) with one role per organization, every third one
 * `admin` and the others `member`, as `organization_roles` lists them.
 */
export function manyOrganizationsProfile(organizationIds: readonly string[]): Record<string, unknown> {
  return {
    name: 'Member of many',
    picture: null,
    username: 'many',
    created_at: 1795316398136,
    updated_at: 1795316458779,
    email: 'many@example.com',
    email_verified: true,
    roles: ['example-api-user'],
    organizations: [...organizationIds],
    organization_roles: organizationIds.map((id, index) => `${id}:${index % 3 === 0 ? 'admin' : 'member'}`),
  };
}

export interface ViewFigure {
  path: string;
  tokenCalls: number;
  cookieBytes: number;
  /** Tokens the page needed that the session does not hold after the middleware ran. */
  missing: number;
}

export interface ManyOrganizationsFigures {
  organizations: number;
  resources: number;
  /** Each page once, in dashboard order, then each page again in the same order. */
  rounds: ViewFigure[][];
  /** Each page viewed twice in a row: the second view's token calls. */
  revisitCalls: number;
  maxCookieBytes: number;
  /** The most Cookie-header bytes a readable session may take: the sealed budget plus names and separators. */
  budgetBytes: number;
}

export async function browseManyOrganizations(
  tokensFor: NonNullable<LogtoMiddlewareOptions['tokensFor']>,
  organizations = 20,
  resources = 2,
): Promise<ManyOrganizationsFigures> {
  const organizationIds = Array.from({ length: organizations }, (_, i) => `org${String(i).padStart(9, '0')}`);
  const resourceIds = Array.from({ length: resources }, (_, i) => `https://api-${i}.example.com`);
  const h = await createHarness({
    idp: {
      organizations: Object.fromEntries(organizationIds.map((id) => [id, 'read:members write:members read:projects'])),
      resources: Object.fromEntries(resourceIds.map((id) => [id, 'read:reports write:reports'])),
      profile: {
        name: 'Member of many',
        username: 'many',
        organizations: organizationIds,
        organization_roles: organizationIds.map((id) => `${id}:member`),
      },
    },
    env: { LOGTO_RESOURCES: resourceIds.join(' ') },
    middleware: { tokensFor },
  });
  try {
    await h.signIn();
    const pages = [
      '/protected',
      '/protected/resources',
      '/protected/organizations',
      ...organizationIds.map((id) => `/protected/organizations/${id}`),
      '/protected/userinfo',
    ];
    const needed = (path: string): string[] => {
      if (path === '/protected/resources') return resourceIds;
      const id = path === '/protected/organizations' ? organizationIds[0] : /^\/protected\/organizations\/(.+)$/.exec(path)?.[1];
      return id ? [buildOrganizationUrn(id), tokenKeyFor({ resource: resourceIds[0]!, organizationId: id })] : [];
    };
    const view = async (path: string): Promise<ViewFigure> => {
      const before = h.idp.calls.token;
      const response = await h.middleware(path);
      if (response.headers.get('x-middleware-next') !== '1') throw new Error(`${path} did not pass (${response.status})`);
      const session = await readJarSession(h.jar);
      return {
        path,
        tokenCalls: h.idp.calls.token - before,
        cookieBytes: h.jar.header().length,
        missing: needed(path).filter((key) => !session.tokens[key]).length,
      };
    };
    const rounds: ViewFigure[][] = [];
    for (let round = 0; round < 2; round += 1) {
      const figures: ViewFigure[] = [];
      for (const path of pages) figures.push(await view(path));
      rounds.push(figures);
    }
    let revisitCalls = 0;
    for (const path of pages) {
      await view(path);
      revisitCalls += (await view(path)).tokenCalls;
    }
    const all = rounds.flat();
    return { organizations, resources, rounds, revisitCalls, maxCookieBytes: Math.max(...all.map((figure) => figure.cookieBytes)),
      // Names and separators come on top of the sealed bytes.
      budgetBytes: SESSION_BUDGET + MAX_SESSION_CHUNKS * 24,
    };
  } finally {
    h.restore();
  }
}
