import { createHash, randomBytes } from 'node:crypto';
import { expect, type APIRequestContext, type Page, type Request } from '@playwright/test';
import { isRealLogto, organizationUser } from './identities';
import { LOCAL_APP_ENV } from './mode';
import type { SignInExperience } from './pages/sign-in-experience';
import { appUrl, providerUrl } from './provider';

/** The decoded payload of a JWT access token (not verified: the app's APIs do that). */
export type AccessTokenPayload = Record<string, unknown>;

/** A refresh grant's answer, decoded. */
export interface MintedToken {
  token: string;
  claims: AccessTokenPayload;
}

const randomString = () => randomBytes(32).toString('base64url');

/**
 * Real access tokens for specs that call the app's APIs the way another API client would: an
 * authorization-code flow of the app's own Logto client (PKCE S256, `prompt=consent` for a refresh
 * token) run in the signed-in browser, its code read from the callback URL (see `authorize`), then
 * refresh grants with `resource` and `organization_id`. Works against the local provider and a
 * real Logto alike (the app's callback is the registered redirect URI). The grant is never
 * revoked: revocation would end the shared browser session's grant too.
 */
export class ApiTokenClient {
  private refreshToken: string | undefined;

  constructor(
    private readonly page: Page,
    private readonly request: APIRequestContext,
    private readonly signIn: SignInExperience,
  ) {}

  /** The app's client credentials: the environment against a real Logto, the local provider's otherwise. */
  private credentials(): { id: string; secret: string } {
    const id = isRealLogto() ? process.env.LOGTO_APP_ID : LOCAL_APP_ENV.LOGTO_APP_ID;
    const secret = isRealLogto() ? process.env.LOGTO_APP_SECRET : LOCAL_APP_ENV.LOGTO_APP_SECRET;
    if (!id || !secret) throw new Error('LOGTO_APP_ID and LOGTO_APP_SECRET must be set for a real Logto.');
    return { id, secret };
  }

  private async tokenRequest(form: Record<string, string>): Promise<Record<string, unknown>> {
    const { id, secret } = this.credentials();
    const response = await this.request.post(`${providerUrl()}/oidc/token`, {
      headers: { authorization: `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}` },
      form,
    });
    const body = (await response.json()) as Record<string, unknown>;
    expect(response.status(), `token endpoint (${form.grant_type}): ${JSON.stringify(body)}`).toBe(200);
    return body;
  }

  /** Signs the app's client in (silently, with the browser's Logto session) for `resources` and `scope`. */
  async authorize(resources: readonly string[], scope: string): Promise<void> {
    const { id } = this.credentials();
    const redirectUri = `${appUrl()}/api/logto/callback`;
    const verifier = randomString();
    const state = randomString();
    const url = new URL(`${providerUrl()}/oidc/auth`);
    url.searchParams.set('client_id', id);
    url.searchParams.set('redirect_uri', redirectUri);
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('scope', `openid offline_access ${scope}`);
    for (const resource of resources) url.searchParams.append('resource', resource);
    url.searchParams.set('prompt', 'consent');
    url.searchParams.set('state', state);
    url.searchParams.set('code_challenge', createHash('sha256').update(verifier).digest('base64url'));
    url.searchParams.set('code_challenge_method', 'S256');

    // Playwright cannot route a redirect's target, so the callback request is observed instead:
    // the app answers it with transaction.missing (no sign-in of its own has that state) and never
    // redeems the code, which is then redeemed here with the verifier only this client knows.
    let callback: URL | undefined;
    const observe = (request: Request) => {
      if (request.url().startsWith(`${redirectUri}?`)) callback ??= new URL(request.url());
    };
    this.page.on('request', observe);
    try {
      await this.page.goto(url.href);
      if (!callback) {
        // No live Logto session in this browser: sign in as the organization user.
        const user = organizationUser();
        await this.signIn.signInWithPassword(user.username, user.password);
      }
      await expect.poll(() => callback?.href, { message: 'Logto redirects back with a code' }).toBeDefined();
    } finally {
      this.page.off('request', observe);
    }
    expect(callback!.searchParams.get('state')).toBe(state);
    const code = callback!.searchParams.get('code');
    expect(code, `authorization answer: ${callback!.search}`).toBeTruthy();
    const tokens = await this.tokenRequest({
      grant_type: 'authorization_code',
      code: code!,
      redirect_uri: redirectUri,
      code_verifier: verifier,
    });
    expect(tokens.refresh_token, 'a refresh token (offline_access with prompt=consent)').toEqual(expect.any(String));
    this.refreshToken = tokens.refresh_token as string;
  }

  /**
   * A JWT access token from a refresh grant: for `resource` (none: an organization token), scoped
   * to `organizationId` when given. Keeps the newest refresh token, in case Logto rotated it.
   */
  async mint(options: { resource?: string; organizationId?: string }): Promise<MintedToken> {
    expect(this.refreshToken, 'authorize() first').toBeDefined();
    const body = await this.tokenRequest({
      grant_type: 'refresh_token',
      refresh_token: this.refreshToken!,
      ...(options.resource ? { resource: options.resource } : {}),
      ...(options.organizationId ? { organization_id: options.organizationId } : {}),
    });
    if (typeof body.refresh_token === 'string') this.refreshToken = body.refresh_token;
    const token = String(body.access_token);
    const [, payload = ''] = token.split('.');
    return { token, claims: JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as AccessTokenPayload };
  }
}
