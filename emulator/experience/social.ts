/**
 * Social sign-in, as in Logto: off to the upstream with a random `state` (also in a cookie on
 * `/callback`), back at `/callback/<connectorId>`, then the user with that linked identity, or a
 * new one. A cancel or failure upstream returns to the sign-in page with a message.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

import { socialClient } from '../connectors/social';
import { parseCookies, redirect, sendHtml, serializeCookie } from '../http';
import type { SocialConnector } from '../types';
import { chooseLanguage } from '../i18n/text';
import { expiredPage, messagePage } from '../views/message';
import type { ExperienceDependencies, InteractionContext } from './context';

const SOCIAL_STATE_TTL_MS = 10 * 60 * 1000;
const SOCIAL_COOKIE = '_emulator_social';

interface SocialState {
  uid: string;
  connectorId: SocialConnector['id'];
  redirectUri: string;
  expiresAt: number;
}

export class SocialSignIn {
  readonly #states = new Map<string, SocialState>();

  constructor(private readonly deps: ExperienceDependencies) {}

  reset(): void {
    this.#states.clear();
  }

  /** Sends the browser to the connector's upstream authorization page. */
  start(ctx: InteractionContext, connector: SocialConnector): void {
    const state = randomBytes(24).toString('base64url');
    const redirectUri = `${this.deps.publicBaseUrl}/callback/${connector.id}`;
    this.#states.set(state, { uid: ctx.details.uid, connectorId: connector.id, redirectUri, expiresAt: Date.now() + SOCIAL_STATE_TTL_MS });
    for (const [key, value] of this.#states) {
      if (value.expiresAt < Date.now()) this.#states.delete(key);
    }
    const secure = this.deps.publicBaseUrl.startsWith('https:');
    redirect(ctx.res, socialClient(connector, this.deps.fetch).authorizationUri(state, redirectUri), 303, {
      'Set-Cookie': serializeCookie(SOCIAL_COOKIE, state, { path: '/callback', maxAge: SOCIAL_STATE_TTL_MS / 1000, secure }),
    });
  }

  /** Handles `/callback/<connectorId>`, the redirect URI registered at each social upstream. */
  async handleCallback(req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams): Promise<boolean> {
    const match = /^\/callback\/([\w-]+)$/.exec(path);
    if (!match?.[1]) return false;
    const connector = this.deps.store.socialConnectors().find((item) => item.id === match[1]);
    // The callback comes from the upstream, outside the interaction: the browser's language.
    const language = chooseLanguage(undefined, req.headers['accept-language']);
    if (!connector) {
      sendHtml(res, 404, messagePage('unknownConnector', language));
      return true;
    }

    const state = query.get('state') ?? '';
    const pending = this.#states.get(state);
    const clearCookie = serializeCookie(SOCIAL_COOKIE, '', { path: '/callback', maxAge: 0 });
    if (!pending || pending.connectorId !== connector.id || pending.expiresAt < Date.now()) {
      res.setHeader('Set-Cookie', clearCookie);
      sendHtml(res, 400, expiredPage(language));
      return true;
    }
    if (parseCookies(req).get(SOCIAL_COOKIE) !== state) {
      sendHtml(res, 400, messagePage('otherBrowser', language));
      return true;
    }
    this.#states.delete(state);

    const back = (error: 'social_cancelled' | 'social_failed') =>
      redirect(res, `/interaction/${pending.uid}/sign-in?error=${error}&connector=${connector.id}`, 303, {
        'Set-Cookie': clearCookie,
      });

    const code = query.get('code');
    if (query.get('error') || !code) {
      back(query.get('error') === 'access_denied' ? 'social_cancelled' : 'social_failed');
      return true;
    }

    let profile;
    try {
      profile = await socialClient(connector, this.deps.fetch).getUserInfo({ code, redirectUri: pending.redirectUri });
    } catch (error) {
      this.deps.log(`social sign-in with ${connector.id} failed: ${(error as Error).message}`);
      back('social_failed');
      return true;
    }

    const { store } = this.deps;
    let user = store.userByIdentity(connector.target, profile.id);
    if (user) {
      user.identities[connector.target] = { userId: profile.id, details: profile };
    } else {
      user = store.createUser({
        name: profile.name ?? null,
        avatar: profile.avatar ?? null,
        // Logto would ask to link an existing account with the same email; the emulator keeps it simple.
        primaryEmail: profile.email && !store.userByEmail(profile.email) ? profile.email : null,
        identity: { target: connector.target, userId: profile.id, details: profile },
      });
    }
    store.touch(user);

    const interaction = await this.deps.provider.Interaction.find(pending.uid);
    const ttl = interaction ? interaction.exp - Math.floor(Date.now() / 1000) : 0;
    if (!interaction || ttl <= 0 || interaction.prompt.name !== 'login') {
      res.setHeader('Set-Cookie', clearCookie);
      sendHtml(res, 400, expiredPage(language));
      return true;
    }
    interaction.result = { login: { accountId: user.id, amr: ['social'] } };
    await interaction.save(ttl);
    redirect(res, interaction.returnTo, 303, { 'Set-Cookie': clearCookie });
    return true;
  }
}
