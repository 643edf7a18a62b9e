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
  const { uid, emailEnabled } = chrome;
  const { username } = state;
  const body = [
    alert('error', state.error),
    alert('notice', state.notice),
    postForm(
      `/interaction/${uid}/sign-in`,
      field({ id: 'username', label: 'Username', value: username, autocomplete: 'username', autofocus: !username }) +
        field({ id: 'password', label: 'Password', type: 'password', autocomplete: 'current-password', autofocus: Boolean(username) }) +
        button('Sign in'),
    ),
    links([
      { href: `/interaction/${uid}/register`, label: 'Create an account' },
      ...(emailEnabled ? [{ href: `/interaction/${uid}/email`, label: 'Sign in with email code' }] : []),
      ...(emailEnabled ? [{ href: `/interaction/${uid}/reset-password`, label: 'Forgot password?' }] : []),
    ]),
    socialButtons(chrome),
    cancelForm(chrome),
  ].join('');
  return page({ title: 'Sign in', heading: 'Sign in', subheading: `to continue to ${chrome.appName}`, body });
}
