/**
 * The emulator's sign-in experience: what Logto's Experience app does for an oidc-provider
 * interaction, server-rendered. Routes live under `/interaction/<uid>` (the interaction cookie's
 * path) plus the social callback `/callback/<connectorId>`.
 */
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

import { errors } from 'oidc-provider';
import type Provider from 'oidc-provider';
import type { InteractionResults } from 'oidc-provider';

import { PostmarkError, sendWithTemplate } from './connectors/postmark';
import { socialClient } from './connectors/social';
import { parseCookies, readForm, redirect, sendHtml, serializeCookie } from './http';
import type { Store } from './store';
import type { PostmarkUsageType, SocialConnector, User } from './types';
import { alert, button, escapeHtml, field, links, page, postForm } from './views';

type Interaction = Awaited<ReturnType<Provider['interactionDetails']>>;

export interface ExperienceDependencies {
  provider: Provider;
  store: Store;
  /** fetch for server-to-server calls to the emulator's own mocks. */
  fetch: typeof fetch;
  publicBaseUrl: string;
  log: (line: string) => void;
}

const CODE_TTL_MS = 10 * 60 * 1000;
const MAX_CODE_ATTEMPTS = 5;
const SOCIAL_STATE_TTL_MS = 10 * 60 * 1000;
const SOCIAL_COOKIE = '_emulator_social';
const USERNAME_PATTERN = /^[A-Z_a-z]\w*$/;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MIN_PASSWORD_LENGTH = 8;

const messages = {
  wrongPassword: 'Incorrect username or password.',
  usernameInvalid: 'Usernames may contain only letters, numbers and underscores, and must not start with a number.',
  usernameTaken: 'This username is already in use.',
  emailInvalid: 'The email is invalid.',
  emailTaken: 'This email is associated with an existing account.',
  emailUnknown: 'No account uses this email.',
  passwordTooShort: `Password requires a minimum of ${MIN_PASSWORD_LENGTH} characters.`,
  codeMismatch: 'Invalid verification code.',
  codeExpired: 'Verification code has expired. Please get a new one.',
  codeAttempts: 'Too many attempts. Please get a new code.',
  sendFailed: 'The verification code could not be sent. Please try again.',
  noEmailConnector: 'Email sign-in is not available: no email connector is configured.',
  passwordReset: 'Your password has been reset. Sign in with your new password.',
} as const;

const FIRST_SCREENS = new Set([
  'sign_in',
  'register',
  'reset_password',
  'identifier:sign_in',
  'identifier:register',
  'single_sign_on',
  'signIn',
]);

type EmailFlow = 'passwordless' | 'reset';

interface PendingCode {
  email: string;
  code: string;
  usageType: PostmarkUsageType;
  expiresAt: number;
  attempts: number;
}

interface SocialState {
  uid: string;
  connectorId: SocialConnector['id'];
  redirectUri: string;
  expiresAt: number;
}

/** Logto's extra authorization parameters, parsed all-or-nothing like Logto's `extraParamsObjectGuard`. */
export interface ExtraParams {
  firstScreen?: string;
  interactionMode?: 'signIn' | 'signUp';
  identifiers?: string[];
  directSignIn?: { method: 'social' | 'sso'; target: string };
  loginHint?: string;
}

export function parseExtraParams(params: Record<string, unknown>): ExtraParams {
  const loginHint = typeof params.login_hint === 'string' && params.login_hint ? params.login_hint : undefined;
  const base: ExtraParams = loginHint ? { loginHint } : {};
  const text = (key: string) => (typeof params[key] === 'string' && params[key] !== '' ? (params[key] as string) : undefined);

  const firstScreen = text('first_screen');
  const interactionMode = text('interaction_mode');
  const identifier = text('identifier');
  const directSignIn = text('direct_sign_in');

  // One invalid value makes Logto ignore every extra parameter, silently.
  const identifiers = identifier?.split(' ').filter(Boolean);
  const direct = directSignIn ? /^(social|sso):(.+)$/.exec(directSignIn) : undefined;
  if (
    (firstScreen !== undefined && !FIRST_SCREENS.has(firstScreen)) ||
    (interactionMode !== undefined && interactionMode !== 'signIn' && interactionMode !== 'signUp') ||
    (identifiers !== undefined && identifiers.some((item) => !['email', 'phone', 'username'].includes(item))) ||
    (directSignIn !== undefined && !direct)
  ) {
    return base;
  }

  return {
    ...base,
    ...(firstScreen ? { firstScreen } : {}),
    ...(interactionMode ? { interactionMode: interactionMode as 'signIn' | 'signUp' } : {}),
    ...(identifiers ? { identifiers } : {}),
    ...(direct?.[1] && direct[2] ? { directSignIn: { method: direct[1] as 'social' | 'sso', target: direct[2] } } : {}),
  };
}

/** The route of the first screen for a login prompt (Logto's `buildLoginPromptUrl`). */
export function firstScreenPath(extras: ExtraParams): string {
  const emailOnly = (extras.identifiers ?? []).includes('email') && !(extras.identifiers ?? []).includes('username');
  switch (extras.firstScreen) {
    case 'register':
      return 'register';
    case 'reset_password':
      return 'reset-password';
    case 'identifier:sign_in':
      return emailOnly ? 'email' : 'sign-in';
    case 'identifier:register':
      return emailOnly ? 'email?intent=register' : 'register';
    case 'sign_in':
    case 'signIn':
    case 'single_sign_on':
      return 'sign-in';
    default:
      return extras.interactionMode === 'signUp' ? 'register' : 'sign-in';
  }
}

function passwordMatches(user: User, password: string): boolean {
  if (user.password === null) return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(user.password), digest(password));
}

function sixDigitCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

export class SignInExperience {
  #codes = new Map<string, PendingCode>();
  #socialStates = new Map<string, SocialState>();

  constructor(private readonly deps: ExperienceDependencies) {}

  reset(): void {
    this.#codes.clear();
    this.#socialStates.clear();
  }

  /** Handles `/interaction/<uid>[/<screen>[/<step>]]`; returns false for other paths. */
  async handleInteraction(req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams): Promise<boolean> {
    const match = /^\/interaction\/([\w-]+)(?:\/([\w-]+)(?:\/([\w-]+))?)?$/.exec(path);
    if (!match?.[1]) return false;
    const uid = match[1];
    const route = [match[2], match[3]].filter(Boolean).join('/');
    const method = req.method === 'POST' ? 'POST' : req.method === 'GET' || req.method === 'HEAD' ? 'GET' : undefined;
    if (!method) {
      sendHtml(res, 405, this.#messagePage('Not allowed', 'This page only accepts GET and POST.'));
      return true;
    }

    const details = await this.#details(req, res, uid);
    if (!details) return true;

    if (route === '' && method === 'GET') {
      await this.#dispatch(req, res, details);
      return true;
    }
    if (route === 'abort' && method === 'POST') {
      await this.#finish(req, res, { error: 'access_denied', error_description: 'End-User aborted interaction' }, false);
      return true;
    }
    if (details.prompt.name === 'consent') {
      if (route === 'consent' && method === 'POST') {
        await this.#grantConsent(req, res, details);
      } else {
        redirect(res, `/interaction/${uid}`);
      }
      return true;
    }

    switch (`${method} ${route}`) {
      case 'GET sign-in':
        this.#renderSignIn(res, details, 200, { notice: this.#noticeFrom(query) });
        break;
      case 'POST sign-in':
        await this.#signInWithPassword(req, res, details);
        break;
      case 'GET register':
        this.#renderRegister(res, details, 200, {});
        break;
      case 'POST register':
        await this.#register(req, res, details);
        break;
      case 'GET email':
        this.#renderEmail(res, details, 'passwordless', 200, { intent: query.get('intent') ?? undefined });
        break;
      case 'POST email':
        await this.#sendCode(req, res, details, 'passwordless');
        break;
      case 'GET email/verify':
        this.#renderVerify(res, details, 'passwordless', 200, {});
        break;
      case 'POST email/verify':
        await this.#verifyCode(req, res, details);
        break;
      case 'GET reset-password':
        this.#renderEmail(res, details, 'reset', 200, {});
        break;
      case 'POST reset-password':
        await this.#sendCode(req, res, details, 'reset');
        break;
      case 'GET reset-password/verify':
        this.#renderVerify(res, details, 'reset', 200, {});
        break;
      case 'POST reset-password/verify':
        await this.#resetPassword(req, res, details);
        break;
      default: {
        const social = /^POST social\/([\w-]+)$/.exec(`${method} ${route}`);
        const connector = social?.[1] ? this.deps.store.socialConnectorByTarget(social[1]) : undefined;
        if (connector) {
          this.#startSocial(res, details, connector);
        } else {
          sendHtml(res, 404, this.#messagePage('Not found', 'This page does not exist.'));
        }
      }
    }
    return true;
  }

  /** Handles `/callback/<connectorId>`, the redirect URI registered at each social upstream. */
  async handleCallback(req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams): Promise<boolean> {
    const match = /^\/callback\/([\w-]+)$/.exec(path);
    if (!match?.[1]) return false;
    const connector = this.deps.store.socialConnectors().find((item) => item.id === match[1]);
    if (!connector) {
      sendHtml(res, 404, this.#messagePage('Unknown connector', 'No enabled social connector has this id.'));
      return true;
    }

    const state = query.get('state') ?? '';
    const pending = this.#socialStates.get(state);
    const clearCookie = serializeCookie(SOCIAL_COOKIE, '', { path: '/callback', maxAge: 0 });
    if (!pending || pending.connectorId !== connector.id || pending.expiresAt < Date.now()) {
      res.setHeader('Set-Cookie', clearCookie);
      sendHtml(res, 400, this.#expiredPage());
      return true;
    }
    if (parseCookies(req).get(SOCIAL_COOKIE) !== state) {
      sendHtml(res, 400, this.#messagePage('Sign-in failed', 'This sign-in attempt was started in another browser.'));
      return true;
    }
    this.#socialStates.delete(state);

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
      sendHtml(res, 400, this.#expiredPage());
      return true;
    }
    interaction.result = { login: { accountId: user.id, amr: ['social'] } };
    await interaction.save(ttl);
    redirect(res, interaction.returnTo, 303, { 'Set-Cookie': clearCookie });
    return true;
  }

  async #details(req: IncomingMessage, res: ServerResponse, uid: string): Promise<Interaction | undefined> {
    try {
      const details = await this.deps.provider.interactionDetails(req, res);
      if (details.uid === uid) return details;
    } catch (error) {
      if (!(error instanceof errors.SessionNotFound)) throw error;
    }
    sendHtml(res, 400, this.#expiredPage());
    return undefined;
  }

  async #dispatch(req: IncomingMessage, res: ServerResponse, details: Interaction): Promise<void> {
    if (details.prompt.name === 'consent') {
      const app = this.deps.store.application(String(details.params.client_id));
      if (app && !app.isThirdParty) {
        await this.#grantConsent(req, res, details);
      } else {
        this.#renderConsent(res, details);
      }
      return;
    }

    const extras = parseExtraParams(details.params);
    if (extras.directSignIn?.method === 'social') {
      const connector = this.deps.store.socialConnectorByTarget(extras.directSignIn.target);
      if (connector) {
        this.#startSocial(res, details, connector);
        return;
      }
    }
    redirect(res, `/interaction/${details.uid}/${firstScreenPath(extras)}`);
  }

  async #finish(req: IncomingMessage, res: ServerResponse, result: InteractionResults, merge: boolean): Promise<void> {
    await this.deps.provider.interactionFinished(req, res, result, { mergeWithLastSubmission: merge });
  }

  async #login(req: IncomingMessage, res: ServerResponse, user: User, amr: string): Promise<void> {
    this.deps.store.touch(user);
    await this.#finish(req, res, { login: { accountId: user.id, amr: [amr] } }, false);
  }

  /** Logto's `koa-auto-consent`: first-party apps get every requested scope without a page. */
  async #grantConsent(req: IncomingMessage, res: ServerResponse, details: Interaction): Promise<void> {
    const { provider } = this.deps;
    const accountId = details.session?.accountId;
    if (!accountId) {
      sendHtml(res, 400, this.#expiredPage());
      return;
    }
    const existing = details.grantId ? await provider.Grant.find(details.grantId) : undefined;
    const grant = existing ?? new provider.Grant({ accountId, clientId: String(details.params.client_id) });
    const prompt = details.prompt.details as {
      missingOIDCScope?: string[];
      missingOIDCClaims?: string[];
      missingResourceScopes?: Record<string, string[]>;
    };
    if (prompt.missingOIDCScope?.length) grant.addOIDCScope(prompt.missingOIDCScope.join(' '));
    if (prompt.missingOIDCClaims?.length) grant.addOIDCClaims(prompt.missingOIDCClaims);
    for (const [indicator, scopes] of Object.entries(prompt.missingResourceScopes ?? {})) {
      grant.addResourceScope(indicator, scopes.join(' '));
    }
    const grantId = await grant.save();
    await this.#finish(req, res, { consent: { grantId } }, true);
  }

  async #signInWithPassword(req: IncomingMessage, res: ServerResponse, details: Interaction): Promise<void> {
    const form = await readForm(req);
    const identifier = (form.get('username') ?? '').trim();
    const password = form.get('password') ?? '';
    const user = identifier ? this.deps.store.userByIdentifier(identifier) : undefined;
    if (!user || !passwordMatches(user, password)) {
      this.#renderSignIn(res, details, 400, { error: messages.wrongPassword, username: identifier });
      return;
    }
    await this.#login(req, res, user, 'pwd');
  }

  async #register(req: IncomingMessage, res: ServerResponse, details: Interaction): Promise<void> {
    const form = await readForm(req);
    const username = (form.get('username') ?? '').trim();
    const password = form.get('password') ?? '';
    const email = (form.get('email') ?? '').trim();
    const { store } = this.deps;
    const again = (error: string) => this.#renderRegister(res, details, 400, { error, username, email });

    if (!USERNAME_PATTERN.test(username)) return again(messages.usernameInvalid);
    if (store.userByUsername(username)) return again(messages.usernameTaken);
    if (password.length < MIN_PASSWORD_LENGTH) return again(messages.passwordTooShort);
    if (email && !EMAIL_PATTERN.test(email)) return again(messages.emailInvalid);
    if (email && store.userByEmail(email)) return again(messages.emailTaken);

    const user = store.createUser({ username, password, primaryEmail: email || null });
    this.deps.log(`created user ${user.id} (${username})`);
    await this.#login(req, res, user, 'pwd');
  }

  async #sendCode(req: IncomingMessage, res: ServerResponse, details: Interaction, flow: EmailFlow): Promise<void> {
    const form = await readForm(req);
    const email = (form.get('email') ?? '').trim();
    const intent = form.get('intent') ?? undefined;
    const again = (error: string, status = 400) => this.#renderEmail(res, details, flow, status, { error, email, intent });
    const connector = this.deps.store.postmark();
    if (!connector) return again(messages.noEmailConnector, 503);
    if (!EMAIL_PATTERN.test(email)) return again(messages.emailInvalid);

    const existing = this.deps.store.userByEmail(email);
    if (flow === 'reset' && !existing) return again(messages.emailUnknown);
    const usageType: PostmarkUsageType = flow === 'reset' ? 'ForgotPassword' : existing ? 'SignIn' : 'Register';
    const code = sixDigitCode();
    const uiLocales = typeof details.params.ui_locales === 'string' ? details.params.ui_locales : undefined;

    try {
      await sendWithTemplate(connector, this.deps.fetch, {
        to: email,
        usageType,
        payload: { code, ...(uiLocales ? { locale: uiLocales.split(' ')[0], uiLocales } : {}) },
      });
    } catch (error) {
      const detail = error instanceof PostmarkError ? ` (${error.message})` : '';
      this.deps.log(`postmark: sending the ${usageType} code to ${email} failed${detail}`);
      return again(messages.sendFailed, 502);
    }
    this.deps.log(`postmark: ${usageType} code ${code} sent to ${email}`);
    this.#codes.set(`${details.uid}:${flow}`, { email, code, usageType, expiresAt: Date.now() + CODE_TTL_MS, attempts: 0 });
    redirect(res, `/interaction/${details.uid}/${flow === 'reset' ? 'reset-password' : 'email'}/verify`);
  }

  /** Checks the submitted code; renders the error itself and returns undefined when it fails. */
  #checkCode(res: ServerResponse, details: Interaction, flow: EmailFlow, code: string): PendingCode | undefined {
    const key = `${details.uid}:${flow}`;
    const pending = this.#codes.get(key);
    if (!pending) {
      redirect(res, `/interaction/${details.uid}/${flow === 'reset' ? 'reset-password' : 'email'}`);
      return undefined;
    }
    if (pending.expiresAt < Date.now()) {
      this.#renderVerify(res, details, flow, 400, { error: messages.codeExpired });
      return undefined;
    }
    if (pending.attempts >= MAX_CODE_ATTEMPTS) {
      this.#renderVerify(res, details, flow, 400, { error: messages.codeAttempts });
      return undefined;
    }
    pending.attempts += 1;
    const digest = (value: string) => createHash('sha256').update(value).digest();
    if (!timingSafeEqual(digest(pending.code), digest(code.replace(/\s/g, '')))) {
      this.#renderVerify(res, details, flow, 400, { error: messages.codeMismatch });
      return undefined;
    }
    this.#codes.delete(key);
    return pending;
  }

  async #verifyCode(req: IncomingMessage, res: ServerResponse, details: Interaction): Promise<void> {
    const form = await readForm(req);
    const pending = this.#checkCode(res, details, 'passwordless', form.get('code') ?? '');
    if (!pending) return;
    const { store } = this.deps;
    const user = store.userByEmail(pending.email) ?? store.createUser({ primaryEmail: pending.email });
    await this.#login(req, res, user, 'otp');
  }

  async #resetPassword(req: IncomingMessage, res: ServerResponse, details: Interaction): Promise<void> {
    const form = await readForm(req);
    const password = form.get('password') ?? '';
    if (password.length < MIN_PASSWORD_LENGTH) {
      this.#renderVerify(res, details, 'reset', 400, { error: messages.passwordTooShort });
      return;
    }
    const pending = this.#checkCode(res, details, 'reset', form.get('code') ?? '');
    if (!pending) return;
    const user = this.deps.store.userByEmail(pending.email);
    if (!user) {
      this.#renderEmail(res, details, 'reset', 400, { error: messages.emailUnknown });
      return;
    }
    user.password = password;
    this.deps.store.touch(user);
    redirect(res, `/interaction/${details.uid}/sign-in?notice=password_reset`);
  }

  #startSocial(res: ServerResponse, details: Interaction, connector: SocialConnector): void {
    const state = randomBytes(24).toString('base64url');
    const redirectUri = `${this.deps.publicBaseUrl}/callback/${connector.id}`;
    this.#socialStates.set(state, { uid: details.uid, connectorId: connector.id, redirectUri, expiresAt: Date.now() + SOCIAL_STATE_TTL_MS });
    for (const [key, value] of this.#socialStates) {
      if (value.expiresAt < Date.now()) this.#socialStates.delete(key);
    }
    const secure = this.deps.publicBaseUrl.startsWith('https:');
    redirect(res, socialClient(connector, this.deps.fetch).authorizationUri(state, redirectUri), 303, {
      'Set-Cookie': serializeCookie(SOCIAL_COOKIE, state, { path: '/callback', maxAge: SOCIAL_STATE_TTL_MS / 1000, secure }),
    });
  }

  #noticeFrom(query: URLSearchParams): { error?: string; notice?: string } {
    const connectorId = query.get('connector');
    const name = this.deps.store.socialConnectors().find((item) => item.id === connectorId)?.name ?? 'the social provider';
    switch (query.get('error') ?? query.get('notice')) {
      case 'social_cancelled':
        return { error: `Sign-in with ${name} was cancelled.` };
      case 'social_failed':
        return { error: `Sign-in with ${name} failed. Please try again.` };
      case 'password_reset':
        return { notice: messages.passwordReset };
      default:
        return {};
    }
  }

  #appName(details: Interaction): string {
    return this.deps.store.application(String(details.params.client_id))?.name ?? 'the application';
  }

  #cancelForm(uid: string): string {
    return postForm(`/interaction/${uid}/abort`, button('Cancel', 'link'));
  }

  #socialButtons(uid: string): string {
    const connectors = this.deps.store.socialConnectors();
    if (connectors.length === 0) return '';
    return `<div class="divider">or</div>${connectors
      .map((connector) => postForm(`/interaction/${uid}/social/${connector.target}`, button(`Continue with ${connector.name}`, 'secondary')))
      .join('')}`;
  }

  #renderSignIn(
    res: ServerResponse,
    details: Interaction,
    status: number,
    state: { error?: string; username?: string; notice?: { error?: string; notice?: string } },
  ): void {
    const { uid } = details;
    const extras = parseExtraParams(details.params);
    const username = state.username ?? extras.loginHint ?? '';
    const error = state.error ?? state.notice?.error;
    const body = [
      alert('error', error),
      alert('notice', state.notice?.notice),
      postForm(
        `/interaction/${uid}/sign-in`,
        field({ id: 'username', label: 'Username', value: username, autocomplete: 'username', autofocus: !username }) +
          field({ id: 'password', label: 'Password', type: 'password', autocomplete: 'current-password', autofocus: Boolean(username) }) +
          button('Sign in'),
      ),
      links([
        { href: `/interaction/${uid}/register`, label: 'Create an account' },
        ...(this.deps.store.postmark() ? [{ href: `/interaction/${uid}/email`, label: 'Sign in with email code' }] : []),
        ...(this.deps.store.postmark() ? [{ href: `/interaction/${uid}/reset-password`, label: 'Forgot password?' }] : []),
      ]),
      this.#socialButtons(uid),
      this.#cancelForm(uid),
    ].join('');
    sendHtml(res, status, page({ title: 'Sign in', heading: 'Sign in', subheading: `to continue to ${this.#appName(details)}`, body }));
  }

  #renderRegister(res: ServerResponse, details: Interaction, status: number, state: { error?: string; username?: string; email?: string }): void {
    const { uid } = details;
    const body = [
      alert('error', state.error),
      postForm(
        `/interaction/${uid}/register`,
        field({ id: 'username', label: 'Username', value: state.username, autocomplete: 'username', autofocus: true, hint: 'Letters, numbers and underscores.' }) +
          field({ id: 'password', label: 'Password', type: 'password', autocomplete: 'new-password', hint: `At least ${MIN_PASSWORD_LENGTH} characters.` }) +
          field({ id: 'email', label: 'Email', type: 'email', value: state.email, autocomplete: 'email', required: false, hint: 'Optional.' }) +
          button('Create account'),
      ),
      links([
        { href: `/interaction/${uid}/sign-in`, label: 'Back to sign in' },
        ...(this.deps.store.postmark() ? [{ href: `/interaction/${uid}/email?intent=register`, label: 'Sign up with email code' }] : []),
      ]),
      this.#socialButtons(uid),
      this.#cancelForm(uid),
    ].join('');
    sendHtml(res, status, page({ title: 'Create account', heading: 'Create account', subheading: `to continue to ${this.#appName(details)}`, body }));
  }

  #renderEmail(
    res: ServerResponse,
    details: Interaction,
    flow: EmailFlow,
    status: number,
    state: { error?: string; email?: string; intent?: string },
  ): void {
    const { uid } = details;
    const hint = parseExtraParams(details.params).loginHint;
    const email = state.email ?? (hint?.includes('@') ? hint : '');
    const register = flow === 'passwordless' && state.intent === 'register';
    const heading = flow === 'reset' ? 'Reset password' : register ? 'Create account with email' : 'Sign in with email';
    const subheading =
      flow === 'reset' ? 'We will email you a verification code.' : `We will email you a code to continue to ${this.#appName(details)}.`;
    const body = [
      alert('error', state.error),
      postForm(
        `/interaction/${uid}/${flow === 'reset' ? 'reset-password' : 'email'}`,
        (state.intent ? `<input type="hidden" name="intent" value="${escapeHtml(state.intent)}">` : '') +
          field({ id: 'email', label: 'Email', type: 'email', value: email, autocomplete: 'email', autofocus: true }) +
          button('Send code'),
      ),
      links([
        { href: `/interaction/${uid}/sign-in`, label: 'Back to sign in' },
        ...(flow === 'passwordless' && !register ? [{ href: `/interaction/${uid}/register`, label: 'Create an account' }] : []),
      ]),
      this.#cancelForm(uid),
    ].join('');
    sendHtml(res, status, page({ title: heading, heading, subheading, body }));
  }

  #renderVerify(res: ServerResponse, details: Interaction, flow: EmailFlow, status: number, state: { error?: string }): void {
    const { uid } = details;
    const pending = this.#codes.get(`${uid}:${flow}`);
    if (!pending) {
      redirect(res, `/interaction/${uid}/${flow === 'reset' ? 'reset-password' : 'email'}`);
      return;
    }
    const base = `/interaction/${uid}/${flow === 'reset' ? 'reset-password' : 'email'}`;
    const body = [
      alert('error', state.error),
      postForm(
        `${base}/verify`,
        field({
          id: 'code',
          label: 'Verification code',
          autocomplete: 'one-time-code',
          inputmode: 'numeric',
          pattern: '[0-9]{6}',
          autofocus: true,
          hint: 'The code is valid for 10 minutes.',
        }) +
          (flow === 'reset'
            ? field({ id: 'password', label: 'New password', type: 'password', autocomplete: 'new-password', hint: `At least ${MIN_PASSWORD_LENGTH} characters.` }) +
              button('Reset password')
            : button('Continue')),
      ),
      postForm(base, `<input type="hidden" name="email" value="${escapeHtml(pending.email)}">${button('Get a new code', 'secondary')}`),
      links([{ href: base, label: 'Use a different email' }]),
      this.#cancelForm(uid),
    ].join('');
    const heading = flow === 'reset' ? 'Reset password' : 'Check your email';
    sendHtml(res, status, page({ title: heading, heading, subheading: `We sent a code to ${pending.email}.`, body }));
  }

  #renderConsent(res: ServerResponse, details: Interaction): void {
    const { uid } = details;
    const scopes = String(details.params.scope ?? '').split(' ').filter(Boolean);
    const body = [
      `<p>${escapeHtml(this.#appName(details))} asks for:</p>`,
      `<ul class="scopes">${scopes.map((scope) => `<li>${escapeHtml(scope)}</li>`).join('')}</ul>`,
      postForm(`/interaction/${uid}/consent`, button('Authorize')),
      this.#cancelForm(uid),
    ].join('');
    sendHtml(res, 200, page({ title: 'Authorize', heading: 'Authorize access', body }));
  }

  #expiredPage(): string {
    return this.#messagePage(
      'Session expired',
      'This sign-in request has expired or was already completed. Go back to the application and sign in again.',
    );
  }

  #messagePage(heading: string, message: string): string {
    return page({ title: heading, heading, body: alert('error', message) });
  }
}

