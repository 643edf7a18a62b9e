import { createHash, randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';

/**
 * "Another app" of the same Logto tenant (seed: `logto-next-elsewhere`; on a real Logto,
 * `configure-tenant.mjs` creates it and prints its id and secret). Nothing listens on its
 * redirect URIs: the test reads where Logto sends the browser, so the test plays that app.
 */
export interface ElsewhereClient {
  id: string;
  secret: string;
  redirectUri: string;
  postLogoutRedirectUri: string;
}

export function elsewhereClient(): ElsewhereClient {
  return {
    id: process.env.E2E_ELSEWHERE_APP_ID || 'logto-next-elsewhere',
    secret: process.env.E2E_ELSEWHERE_APP_SECRET || 'local-emulator-elsewhere-secret-not-for-production',
    redirectUri: 'http://localhost:3999/callback',
    postLogoutRedirectUri: 'http://localhost:3999/',
  };
}

const base64url = (bytes: Buffer) => bytes.toString('base64url');

/**
 * Signs in to the other app in `page`'s browser (the Logto session there is reused, so no form is
 * shown), then signs out of it through Logto's end-session endpoint with its ID token: the user's
 * Logto session ends, and Logto sends a back-channel logout to every app of that session that
 * registered a URI. Returns when Logto has redirected back to the other app's signed-out page.
 * @see https://openid.net/specs/openid-connect-rpinitiated-1_0.html#RPLogout
 */
export async function signOutInAnotherApp(page: Page, endpoint: string, client: ElsewhereClient = elsewhereClient()): Promise<void> {
  // Logto's redirects to the other app's URIs are requested and refused (nothing listens there):
  // the request itself is what the test needs. (`page.route` would not see them: Playwright
  // routes only the first request of a redirect chain.)
  const visitUntil = async (url: string, target: string): Promise<URL> => {
    const arrived = page.waitForRequest((request) => request.url().startsWith(target), { timeout: 20_000 });
    // Chromium then shows its error page: wait for that, or it interrupts the test's next navigation.
    const settled = page.waitForEvent('framenavigated', {
      predicate: (frame) => frame === page.mainFrame() && frame.url().startsWith('chrome-error:'),
      timeout: 20_000,
    });
    await page.goto(url).catch(() => undefined);
    const request = await arrived;
    await settled;
    return new URL(request.url());
  };
  {
    const verifier = base64url(randomBytes(32));
    const state = base64url(randomBytes(16));
    const authorize = new URL(`${endpoint}/oidc/auth`);
    authorize.search = new URLSearchParams({
      client_id: client.id,
      redirect_uri: client.redirectUri,
      response_type: 'code',
      scope: 'openid',
      state,
      nonce: base64url(randomBytes(16)),
      code_challenge: base64url(createHash('sha256').update(verifier).digest()),
      code_challenge_method: 'S256',
    }).toString();
    const returned = await visitUntil(authorize.href, client.redirectUri);
    if (returned.searchParams.get('state') !== state) throw new Error(`the other app's callback: ${returned.search}`);
    const code = returned.searchParams.get('code');
    if (!code) throw new Error(`the other app got no code: ${returned.search}`);

    const token = await page.request.post(`${endpoint}/oidc/token`, {
      headers: { authorization: `Basic ${Buffer.from(`${client.id}:${client.secret}`).toString('base64')}` },
      form: { grant_type: 'authorization_code', code, redirect_uri: client.redirectUri, code_verifier: verifier },
    });
    const body = (await token.json()) as { id_token?: string };
    if (!token.ok() || !body.id_token) throw new Error(`the other app's token request answered ${token.status()}`);

    const endSession = new URL(`${endpoint}/oidc/session/end`);
    endSession.search = new URLSearchParams({
      id_token_hint: body.id_token,
      post_logout_redirect_uri: client.postLogoutRedirectUri,
      client_id: client.id,
    }).toString();
    await visitUntil(endSession.href, client.postLogoutRedirectUri);
  }
}
