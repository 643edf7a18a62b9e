import type { SessionData } from './session-data';

/**
 * BENCHMARK ONLY: never set `LOGTO_BENCH_BYPASS_AUTH` in a deployment.
 *
 * `LOGTO_BENCH_BYPASS_AUTH=1` switches authentication off so that `npm run bench` can compare a
 * protected page with and without it, from the same build (see bench/README.md, "overhead"): the
 * middleware lets every request through at once, and `getSession()` returns {@link BENCH_SESSION}
 * without reading or unsealing any cookie. Everything else (layout, page, claims rendered) is
 * unchanged.
 *
 * It refuses to activate on Vercel (`VERCEL` set) and unless `LOGTO_BASE_URL` is a loopback
 * origin (`http://127.0.0.1:…`, `http://localhost:…`), so a stray variable cannot open a real
 * deployment. Read once per process.
 */
let active: boolean | undefined;

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

function isLoopbackOrigin(value: string | undefined): boolean {
  try {
    return LOOPBACK_HOSTS.has(new URL(value ?? '').hostname);
  } catch {
    return false;
  }
}

export function isBenchBypassActive(): boolean {
  if (active === undefined) {
    const requested = process.env.LOGTO_BENCH_BYPASS_AUTH === '1';
    active = requested && !process.env.VERCEL && isLoopbackOrigin(process.env.LOGTO_BASE_URL);
    if (requested && !active) {
      console.error('[logto] LOGTO_BENCH_BYPASS_AUTH ignored: only for benchmarks on a loopback LOGTO_BASE_URL, never on Vercel.');
    } else if (active) {
      console.warn('[logto] LOGTO_BENCH_BYPASS_AUTH=1: authentication is OFF in this process (benchmark only).');
    }
  }
  return active;
}

const issuedAt = Math.floor(Date.now() / 1000);

/**
 * The session every request gets while the bypass is active: the claims of the emulator's demo
 * user `olivia` (the user the benchmark signs in), with the same shape and about the same size.
 */
export const BENCH_SESSION: SessionData = Object.freeze({
  v: 1,
  claims: {
    sub: 'olivia000001',
    name: 'Olivia Org',
    preferred_username: 'olivia',
    picture: null,
    updated_at: 1795324430661,
    username: 'olivia',
    created_at: 1795324429953,
    email: 'olivia@example.com',
    email_verified: true,
    phone_number: null,
    phone_number_verified: false,
    roles: ['reports-reader'],
    organizations: ['acme00000001', 'globex000001'],
    organization_roles: ['acme00000001:admin', 'globex000001:member'],
    aud: 'logto-next-demo',
    exp: issuedAt + 3600,
    iat: issuedAt,
    iss: 'http://127.0.0.1:3001/oidc',
  },
  refreshToken: 'bench-bypass-no-refresh-token-00000000000',
  accessToken: { token: 'bench-bypass-no-access-token-000000000000', issuedAt, expiresAt: issuedAt + 3600 },
  tokens: {},
}) as SessionData;
