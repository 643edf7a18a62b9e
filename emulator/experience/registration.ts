/**
 * Sign-up with a username and a password (and, optionally, an e-mail). The user is created and
 * signed in at once; a rule broken (username shape or taken, password under 8 characters,
 * e-mail invalid or taken) shows the form again with Logto's message (HTTP 400).
 */
import { readForm, sendHtml } from '../http';
import { registerPage } from '../views/register';
import { chrome, signIn, textOf, type InteractionContext } from './context';
import { EMAIL_PATTERN, MIN_PASSWORD_LENGTH, USERNAME_PATTERN } from './rules';

export function showRegister(ctx: InteractionContext): void {
  sendHtml(ctx.res, 200, registerPage(chrome(ctx), {}));
}

export async function register(ctx: InteractionContext): Promise<void> {
  const form = await readForm(ctx.req);
  const username = (form.get('username') ?? '').trim();
  const password = form.get('password') ?? '';
  const email = (form.get('email') ?? '').trim();
  const { store } = ctx.deps;
  const again = (error: string) => sendHtml(ctx.res, 400, registerPage(chrome(ctx), { error, username, email }));
  const { messages } = textOf(ctx);

  if (!USERNAME_PATTERN.test(username)) return again(messages.usernameInvalid);
  if (store.userByUsername(username)) return again(messages.usernameTaken);
  if (password.length < MIN_PASSWORD_LENGTH) return again(messages.passwordTooShort);
  if (email && !EMAIL_PATTERN.test(email)) return again(messages.emailInvalid);
  if (email && store.userByEmail(email)) return again(messages.emailTaken);

  const user = store.createUser({ username, password, primaryEmail: email || null });
  ctx.deps.log(`created user ${user.id} (${username})`);
  await signIn(ctx, user, 'pwd');
}
