/**
 * The two e-mail code pages, for passwordless sign-in / sign-up (`…/email`) and for a password
 * reset (`…/reset-password`): first Email and "Send code", then "Verification code" (plus "New
 * password" for a reset) with "Get a new code" and "Use a different email".
 */
import { MIN_PASSWORD_LENGTH } from '../experience/rules';
import { cancelForm, type InteractionChrome } from './interaction';
import { alert, button, escapeHtml, field, links, page, postForm } from './layout';

/** `passwordless`: sign in (or sign up) with a code; `reset`: set a new password with a code. */
export type EmailFlow = 'passwordless' | 'reset';

/** The path of a flow's first page under `/interaction/<uid>`; its code page is `<path>/verify`. */
export function emailScreen(flow: EmailFlow): string {
  return flow === 'reset' ? 'reset-password' : 'email';
}

export interface EmailState {
  email: string;
  error?: string;
  /** `register` when the user came from "Sign up with email code". */
  intent?: string;
}

export function emailPage(chrome: InteractionChrome, flow: EmailFlow, state: EmailState): string {
  const { uid } = chrome;
  const register = flow === 'passwordless' && state.intent === 'register';
  const heading = flow === 'reset' ? 'Reset password' : register ? 'Create account with email' : 'Sign in with email';
  const subheading =
    flow === 'reset' ? 'We will email you a verification code.' : `We will email you a code to continue to ${chrome.appName}.`;
  const body = [
    alert('error', state.error),
    postForm(
      `/interaction/${uid}/${emailScreen(flow)}`,
      (state.intent ? `<input type="hidden" name="intent" value="${escapeHtml(state.intent)}">` : '') +
        field({ id: 'email', label: 'Email', type: 'email', value: state.email, autocomplete: 'email', autofocus: true }) +
        button('Send code'),
    ),
    links([
      { href: `/interaction/${uid}/sign-in`, label: 'Back to sign in' },
      ...(flow === 'passwordless' && !register ? [{ href: `/interaction/${uid}/register`, label: 'Create an account' }] : []),
    ]),
    cancelForm(chrome),
  ].join('');
  return page({ title: heading, heading, subheading, body });
}

export function verifyPage(chrome: InteractionChrome, flow: EmailFlow, state: { email: string; error?: string }): string {
  const base = `/interaction/${chrome.uid}/${emailScreen(flow)}`;
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
    postForm(base, `<input type="hidden" name="email" value="${escapeHtml(state.email)}">${button('Get a new code', 'secondary')}`),
    links([{ href: base, label: 'Use a different email' }]),
    cancelForm(chrome),
  ].join('');
  const heading = flow === 'reset' ? 'Reset password' : 'Check your email';
  return page({ title: heading, heading, subheading: `We sent a code to ${state.email}.`, body });
}
