/**
 * The two e-mail code pages, for passwordless sign-in / sign-up (`…/email`) and for a password
 * reset (`…/reset-password`): first Email and "Send code", then "Verification code" (plus "New
 * password" for a reset) with "Get a new code" and "Use a different email".
 */
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
  const text = chrome.text.emailCode;
  const register = flow === 'passwordless' && state.intent === 'register';
  const heading = flow === 'reset' ? text.resetTitle : register ? text.registerTitle : text.signInTitle;
  const subheading = flow === 'reset' ? text.resetSubheading : text.subheading(chrome.appName);
  const body = [
    alert('error', state.error),
    postForm(
      `/interaction/${uid}/${emailScreen(flow)}`,
      (state.intent ? `<input type="hidden" name="intent" value="${escapeHtml(state.intent)}">` : '') +
        field({ id: 'email', label: chrome.text.email, type: 'email', value: state.email, autocomplete: 'email', autofocus: true }) +
        button(text.sendCode),
    ),
    links([
      { href: `/interaction/${uid}/sign-in`, label: text.backToSignIn },
      ...(flow === 'passwordless' && !register ? [{ href: `/interaction/${uid}/register`, label: text.createAccount }] : []),
    ]),
    cancelForm(chrome),
  ].join('');
  return page({ title: heading, heading, subheading, body, language: chrome.language });
}

export function verifyPage(chrome: InteractionChrome, flow: EmailFlow, state: { email: string; error?: string }): string {
  const base = `/interaction/${chrome.uid}/${emailScreen(flow)}`;
  const text = chrome.text.emailCode;
  const body = [
    alert('error', state.error),
    postForm(
      `${base}/verify`,
      field({
        id: 'code',
        label: text.verificationCode,
        autocomplete: 'one-time-code',
        inputmode: 'numeric',
        pattern: '[0-9]{6}',
        autofocus: true,
        hint: text.codeHint,
      }) +
        (flow === 'reset'
          ? field({ id: 'password', label: text.newPassword, type: 'password', autocomplete: 'new-password', hint: chrome.text.register.passwordHint }) +
            button(text.resetPassword)
          : button(text.continue)),
    ),
    postForm(base, `<input type="hidden" name="email" value="${escapeHtml(state.email)}">${button(text.getNewCode, 'secondary')}`),
    links([{ href: base, label: text.useDifferentEmail }]),
    cancelForm(chrome),
  ].join('');
  const heading = flow === 'reset' ? text.resetTitle : text.checkEmailTitle;
  return page({ title: heading, heading, subheading: text.sentTo(state.email), body, language: chrome.language });
}
