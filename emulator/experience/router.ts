/**
 * Routes the sign-in experience (Logto's Experience app, server-rendered): each
 * `/interaction/<uid>[/<screen>[/<step>]]` to the flow that owns the screen, a new login prompt to
 * the first screen the authorization request asked for, and `/callback/<connectorId>` to social.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

import { errors } from 'oidc-provider';

import { redirect, sendHtml } from '../http';
import { expiredPage, messagePage } from '../views/message';
import { chooseLanguage } from '../i18n/text';
import { cancel, consent, grantConsent } from './consent';
import { languageOf, type ExperienceDependencies, type Interaction, type InteractionContext } from './context';
import { EmailCodes } from './email-code';
import { firstScreenPath, parseExtraParams } from './extra-params';
import { showSignIn, signInWithPassword } from './password';
import { register, showRegister } from './registration';
import { resetPassword } from './reset-password';
import { SocialSignIn } from './social';

export type { ExperienceDependencies } from './context';

type Handler = (ctx: InteractionContext) => void | Promise<void>;

export class SignInExperience {
  readonly #codes = new EmailCodes();
  readonly #social: SocialSignIn;
  /** `<method> <screen>[/<step>]` → handler, for the login prompt. */
  readonly #routes: ReadonlyMap<string, Handler>;

  constructor(private readonly deps: ExperienceDependencies) {
    this.#social = new SocialSignIn(deps);
    this.#routes = new Map<string, Handler>([
      ['GET sign-in', showSignIn],
      ['POST sign-in', signInWithPassword],
      ['GET register', showRegister],
      ['POST register', register],
      ['GET email', (ctx) => this.#codes.open(ctx, 'passwordless')],
      ['POST email', (ctx) => this.#codes.send(ctx, 'passwordless')],
      ['GET email/verify', (ctx) => this.#codes.showVerify(ctx, 'passwordless')],
      ['POST email/verify', (ctx) => this.#codes.signIn(ctx)],
      ['GET reset-password', (ctx) => this.#codes.open(ctx, 'reset')],
      ['POST reset-password', (ctx) => this.#codes.send(ctx, 'reset')],
      ['GET reset-password/verify', (ctx) => this.#codes.showVerify(ctx, 'reset')],
      ['POST reset-password/verify', (ctx) => resetPassword(ctx, this.#codes)],
    ]);
  }

  /** Forgets every pending e-mail code and social sign-in. */
  reset(): void {
    this.#codes.reset();
    this.#social.reset();
  }

  /** Handles `/interaction/<uid>[/<screen>[/<step>]]`; returns false for other paths. */
  async handleInteraction(req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams): Promise<boolean> {
    const match = /^\/interaction\/([\w-]+)(?:\/([\w-]+)(?:\/([\w-]+))?)?$/.exec(path);
    if (!match?.[1]) return false;
    const route = [match[2], match[3]].filter(Boolean).join('/');
    const method = req.method === 'POST' ? 'POST' : req.method === 'GET' || req.method === 'HEAD' ? 'GET' : undefined;
    if (!method) {
      sendHtml(res, 405, messagePage('notAllowed', chooseLanguage(undefined, req.headers['accept-language'])));
      return true;
    }

    const details = await this.#details(req, res);
    if (!details) return true;
    const ctx: InteractionContext = { deps: this.deps, req, res, details, query };

    if (route === '' && method === 'GET') {
      await this.#start(ctx);
      return true;
    }
    if (route === 'abort' && method === 'POST') {
      await cancel(ctx);
      return true;
    }
    if (details.prompt.name === 'consent') {
      if (route === 'consent' && method === 'POST') {
        await grantConsent(ctx);
      } else {
        redirect(res, `/interaction/${details.uid}`);
      }
      return true;
    }

    const key = `${method} ${route}`;
    const handler = this.#routes.get(key) ?? this.#socialRoute(key);
    if (handler) {
      await handler(ctx);
    } else {
      sendHtml(res, 404, messagePage('notFound', languageOf(ctx)));
    }
    return true;
  }

  /** Handles `/callback/<connectorId>`; returns false for other paths. */
  handleCallback(req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams): Promise<boolean> {
    return this.#social.handleCallback(req, res, path, query);
  }

  /** `POST social/<target>`: sign in with the enabled social connector of that target. */
  #socialRoute(key: string): Handler | undefined {
    const target = /^POST social\/([\w-]+)$/.exec(key)?.[1];
    const connector = target ? this.deps.store.socialConnectorByTarget(target) : undefined;
    return connector && ((ctx) => this.#social.start(ctx, connector));
  }

  /**
   * The browser's pending interaction. Like Logto, whose sign-in pages carry no interaction id,
   * a page acts on the newest interaction of the browser, whatever uid its URL names: a form
   * submitted in an older tab completes the newer sign-in, and the other tab's next submission
   * finds no session ("Session not found"). Without one, answers 400 with that message.
   */
  async #details(req: IncomingMessage, res: ServerResponse): Promise<Interaction | undefined> {
    try {
      return await this.deps.provider.interactionDetails(req, res);
    } catch (error) {
      if (!(error instanceof errors.SessionNotFound)) throw error;
    }
    // No interaction, so no ui_locales: the browser's language.
    sendHtml(res, 400, expiredPage(chooseLanguage(undefined, req.headers['accept-language'])));
    return undefined;
  }

  /**
   * `GET /interaction/<uid>`, where oidc-provider sends the browser: the consent prompt, or
   * `direct_sign_in=social:<target>` straight to the upstream, or the requested first screen.
   */
  async #start(ctx: InteractionContext): Promise<void> {
    if (ctx.details.prompt.name === 'consent') {
      await consent(ctx);
      return;
    }
    const extras = parseExtraParams(ctx.details.params);
    if (extras.directSignIn?.method === 'social') {
      const connector = this.deps.store.socialConnectorByTarget(extras.directSignIn.target);
      if (connector) {
        this.#social.start(ctx, connector);
        return;
      }
    }
    redirect(ctx.res, `/interaction/${ctx.details.uid}/${firstScreenPath(extras)}`);
  }
}
