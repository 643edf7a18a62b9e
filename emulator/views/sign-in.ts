/**
 * The sign-in page: Username (or e-mail) and Password, links to the other first screens, the
 * social buttons and Cancel. Accessible names are what the e2e suite locates, so they stay as
 * listed in `emulator/README.md`.
 */
import { cancelForm, socialButtons, type InteractionChrome } from './interaction';
import { alert, button, field, links, page, postForm } from './layout';

export interface SignInState {
  username: string;
  error?: string;
  notice?: string;
}

export function signInPage(chrome: InteractionChrome, state: SignInState): string {
  const { uid, emailEnabled, text } = chrome;
  const { username } = state;
  const body = [
    alert('error', state.error),
    alert('notice', state.notice),
    postForm(
      `/interaction/${uid}/sign-in`,
      field({ id: 'username', label: text.username, value: username, autocomplete: 'username', autofocus: !username }) +
        field({ id: 'password', label: text.password, type: 'password', autocomplete: 'current-password', autofocus: Boolean(username) }) +
        button(text.signIn.submit),
    ),
    links([
      { href: `/interaction/${uid}/register`, label: text.signIn.createAccount },
      ...(emailEnabled ? [{ href: `/interaction/${uid}/email`, label: text.signIn.withEmailCode }] : []),
      ...(emailEnabled ? [{ href: `/interaction/${uid}/reset-password`, label: text.signIn.forgotPassword }] : []),
    ]),
    socialButtons(chrome),
    cancelForm(chrome),
  ].join('');
  return page({ title: text.signIn.title, heading: text.signIn.title, subheading: text.signIn.subheading(chrome.appName), body, language: chrome.language });
}
