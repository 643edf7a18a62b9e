/**
 * The create-account page: Username, Password and an optional Email, a link back to sign-in and
 * to sign-up with an e-mail code, the social buttons and Cancel.
 */
import { cancelForm, socialButtons, type InteractionChrome } from './interaction';
import { alert, button, field, links, page, postForm } from './layout';

export interface RegisterState {
  error?: string;
  username?: string;
  email?: string;
}

export function registerPage(chrome: InteractionChrome, state: RegisterState): string {
  const { uid, text } = chrome;
  const body = [
    alert('error', state.error),
    postForm(
      `/interaction/${uid}/register`,
      field({ id: 'username', label: text.username, value: state.username, autocomplete: 'username', autofocus: true, hint: text.register.usernameHint }) +
        field({ id: 'password', label: text.password, type: 'password', autocomplete: 'new-password', hint: text.register.passwordHint }) +
        field({ id: 'email', label: text.email, type: 'email', value: state.email, autocomplete: 'email', required: false, hint: text.register.emailHint }) +
        button(text.register.submit),
    ),
    links([
      { href: `/interaction/${uid}/sign-in`, label: text.register.backToSignIn },
      ...(chrome.emailEnabled ? [{ href: `/interaction/${uid}/email?intent=register`, label: text.register.withEmailCode }] : []),
    ]),
    socialButtons(chrome),
    cancelForm(chrome),
  ].join('');
  return page({ title: text.register.title, heading: text.register.title, subheading: text.register.subheading(chrome.appName), body, language: chrome.language });
}
