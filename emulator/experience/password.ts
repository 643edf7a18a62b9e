/**
 * Password sign-in: the Username field takes a username or an e-mail; a wrong pair shows the form
 * again with "Incorrect account or password. Please check your input." (HTTP 400). The page also says what sent the user
 * back to it: a cancelled or failed social sign-in, or a password reset.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

import { readForm, sendHtml } from '../http';
import type { User } from '../types';
import { signInPage } from '../views/sign-in';
import { chrome, signIn, textOf, type InteractionContext } from './context';
import { parseExtraParams } from './extra-params';

export function showSignIn(ctx: InteractionContext): void {
  const { error, notice } = noticeFrom(ctx);
  const username = parseExtraParams(ctx.details.params).loginHint ?? '';
  sendHtml(ctx.res, 200, signInPage(chrome(ctx), { username, error, notice }));
}

export async function signInWithPassword(ctx: InteractionContext): Promise<void> {
  const form = await readForm(ctx.req);
  const identifier = (form.get('username') ?? '').trim();
  const password = form.get('password') ?? '';
  const user = identifier ? ctx.deps.store.userByIdentifier(identifier) : undefined;
  if (!user || !passwordMatches(user, password)) {
    sendHtml(ctx.res, 400, signInPage(chrome(ctx), { username: identifier, error: textOf(ctx).messages.wrongPassword }));
    return;
  }
  await signIn(ctx, user, 'pwd');
}

function passwordMatches(user: User, password: string): boolean {
  if (user.password === null) return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(user.password), digest(password));
}

/** `?error=social_cancelled|social_failed&connector=<id>` or `?notice=password_reset`. */
function noticeFrom(ctx: InteractionContext): { error?: string; notice?: string } {
  const { deps, query } = ctx;
  const text = textOf(ctx);
  const connectorId = query.get('connector');
  const name = deps.store.socialConnectors().find((item) => item.id === connectorId)?.name ?? text.social.theProvider;
  switch (query.get('error') ?? query.get('notice')) {
    case 'social_cancelled':
      return { error: text.social.cancelled(name) };
    case 'social_failed':
      return { error: text.social.failed(name) };
    case 'password_reset':
      return { notice: text.messages.passwordReset };
    default:
      return {};
  }
}
