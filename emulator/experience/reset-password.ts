/**
 * Forgot password: after a `ForgotPassword` code was sent (`email-code.ts`), the code and a new
 * password of at least 8 characters replace the user's password, and the user is sent back to
 * the sign-in page with "Your password has been reset." Nobody is signed in by this flow.
 */
import { readForm, redirect } from '../http';
import { textOf, type InteractionContext } from './context';
import type { EmailCodes } from './email-code';
import { MIN_PASSWORD_LENGTH } from './rules';

export async function resetPassword(ctx: InteractionContext, codes: EmailCodes): Promise<void> {
  const form = await readForm(ctx.req);
  const password = form.get('password') ?? '';
  const { messages } = textOf(ctx);
  if (password.length < MIN_PASSWORD_LENGTH) {
    codes.showVerify(ctx, 'reset', 400, messages.passwordTooShort);
    return;
  }
  const pending = codes.check(ctx, 'reset', form.get('code') ?? '');
  if (!pending) return;
  const user = ctx.deps.store.userByEmail(pending.email);
  if (!user) {
    codes.show(ctx, 'reset', 400, { error: messages.emailUnknown });
    return;
  }
  user.password = password;
  ctx.deps.store.touch(user);
  redirect(ctx.res, `/interaction/${ctx.details.uid}/sign-in?notice=password_reset`);
}
