/**
 * E-mail one-time codes, like Logto's: 6 digits, 10 minutes, 5 attempts, sent by the Postmark
 * connector with template `SignIn` (known e-mail), `Register` (new one) or `ForgotPassword`.
 * A passwordless code signs the user in (created for a new e-mail); a reset code goes to
 * `reset-password.ts`.
 */
import { createHash, randomInt, timingSafeEqual } from 'node:crypto';

import { PostmarkError, sendWithTemplate } from '../connectors/postmark';
import { readForm, redirect, sendHtml } from '../http';
import type { PostmarkUsageType } from '../types';
import { emailPage, emailScreen, verifyPage, type EmailFlow, type EmailState } from '../views/email-code';
import { chrome, signIn, textOf, type InteractionContext } from './context';
import { parseExtraParams } from './extra-params';
import { EMAIL_PATTERN } from './rules';

const CODE_TTL_MS = 10 * 60 * 1000;
const MAX_CODE_ATTEMPTS = 5;

export interface PendingCode {
  email: string;
  code: string;
  usageType: PostmarkUsageType;
  expiresAt: number;
  attempts: number;
}

function sixDigitCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

/** The codes sent and not yet used, one per interaction and flow. */
export class EmailCodes {
  readonly #pending = new Map<string, PendingCode>();

  reset(): void {
    this.#pending.clear();
  }

  /** GET of the Email page; `?intent=register` words the passwordless one as a sign-up. */
  open(ctx: InteractionContext, flow: EmailFlow): void {
    this.show(ctx, flow, 200, flow === 'passwordless' ? { intent: ctx.query.get('intent') ?? undefined } : {});
  }

  /** The Email page; without `state.email`, a `login_hint` that looks like an e-mail pre-fills it. */
  show(ctx: InteractionContext, flow: EmailFlow, status: number, state: Partial<EmailState>): void {
    const hint = parseExtraParams(ctx.details.params).loginHint;
    const email = state.email ?? (hint?.includes('@') ? hint : '');
    sendHtml(ctx.res, status, emailPage(chrome(ctx), flow, { ...state, email }));
  }

  /** The code page; back to the Email page when no code is pending. */
  showVerify(ctx: InteractionContext, flow: EmailFlow, status = 200, error?: string): void {
    const pending = this.#pending.get(`${ctx.details.uid}:${flow}`);
    if (!pending) {
      redirect(ctx.res, `/interaction/${ctx.details.uid}/${emailScreen(flow)}`);
      return;
    }
    sendHtml(ctx.res, status, verifyPage(chrome(ctx), flow, { email: pending.email, error }));
  }

  async send(ctx: InteractionContext, flow: EmailFlow): Promise<void> {
    const { deps, details } = ctx;
    const form = await readForm(ctx.req);
    const email = (form.get('email') ?? '').trim();
    const intent = form.get('intent') ?? undefined;
    const again = (error: string, status = 400) => this.show(ctx, flow, status, { error, email, intent });
    const { messages } = textOf(ctx);
    const connector = deps.store.postmark();
    if (!connector) return again(messages.noEmailConnector, 503);
    if (!EMAIL_PATTERN.test(email)) return again(messages.emailInvalid);

    const existing = deps.store.userByEmail(email);
    if (flow === 'reset' && !existing) return again(messages.emailUnknown);
    const usageType: PostmarkUsageType = flow === 'reset' ? 'ForgotPassword' : existing ? 'SignIn' : 'Register';
    const code = sixDigitCode();
    const uiLocales = typeof details.params.ui_locales === 'string' ? details.params.ui_locales : undefined;

    try {
      await sendWithTemplate(connector, deps.fetch, {
        to: email,
        usageType,
        payload: { code, ...(uiLocales ? { locale: uiLocales.split(' ')[0], uiLocales } : {}) },
      });
    } catch (error) {
      const detail = error instanceof PostmarkError ? ` (${error.message})` : '';
      deps.log(`postmark: sending the ${usageType} code to ${email} failed${detail}`);
      return again(messages.sendFailed, 502);
    }
    deps.log(`postmark: ${usageType} code ${code} sent to ${email}`);
    this.#pending.set(`${details.uid}:${flow}`, { email, code, usageType, expiresAt: Date.now() + CODE_TTL_MS, attempts: 0 });
    redirect(ctx.res, `/interaction/${details.uid}/${emailScreen(flow)}/verify`);
  }

  /** Spends the pending code if `code` matches; otherwise answers the request itself and returns undefined. */
  check(ctx: InteractionContext, flow: EmailFlow, code: string): PendingCode | undefined {
    const key = `${ctx.details.uid}:${flow}`;
    const pending = this.#pending.get(key);
    if (!pending) {
      redirect(ctx.res, `/interaction/${ctx.details.uid}/${emailScreen(flow)}`);
      return undefined;
    }
    const fail = (error: string) => {
      this.showVerify(ctx, flow, 400, error);
      return undefined;
    };
    const { messages } = textOf(ctx);
    if (pending.expiresAt < Date.now()) return fail(messages.codeExpired);
    if (pending.attempts >= MAX_CODE_ATTEMPTS) return fail(messages.codeAttempts);
    pending.attempts += 1;
    const digest = (value: string) => createHash('sha256').update(value).digest();
    if (!timingSafeEqual(digest(pending.code), digest(code.replace(/\s/g, '')))) return fail(messages.codeMismatch);
    this.#pending.delete(key);
    return pending;
  }

  /** Passwordless sign-in (or sign-up, for a new e-mail) with a verified code. */
  async signIn(ctx: InteractionContext): Promise<void> {
    const form = await readForm(ctx.req);
    const pending = this.check(ctx, 'passwordless', form.get('code') ?? '');
    if (!pending) return;
    const { store } = ctx.deps;
    const user = store.userByEmail(pending.email) ?? store.createUser({ primaryEmail: pending.email });
    await signIn(ctx, user, 'otp');
  }
}
