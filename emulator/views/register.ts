/**
 * The create-account page: Username, Password and an optional Email, a link back to sign-in and
 * to sign-up with an e-mail code, the social buttons and Cancel.
 */
import { MIN_PASSWORD_LENGTH } from '../experience/rules';
import { cancelForm, socialButtons, type InteractionChrome } from './interaction';
import { alert, button, field, links, page, postForm } from './layout';

export interface RegisterState {
  error?: string;
  username?: string;
  email?: string;
}

export function registerPage(chrome: InteractionChrome, state: RegisterState): string {
  const { uid } = chrome;
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
      ...(chrome.emailEnabled ? [{ href: `/interaction/${uid}/email?intent=register`, label: 'Sign up with email code' }] : []),
    ]),
    socialButtons(chrome),
    cancelForm(chrome),
  ].join('');
  return page({ title: 'Create account', heading: 'Create account', subheading: `to continue to ${chrome.appName}`, body });
}
