/**
 * The two end-session pages: "Signing out…", which wraps oidc-provider's confirmation form and
 * submits it at once, and "You have signed out" for a logout without a post-logout redirect.
 */
import { textFor, type UiLanguage } from '../i18n/text';
import { escapeHtml, page } from './layout';

/** `form` is oidc-provider's confirmation form (id `op.logoutForm`); it gets `logout=yes`. */
export function signingOutPage(form: string, language: UiLanguage = 'en'): string {
  const text = textFor(language).endSession;
  const autoForm = form.replace(
    '</form>',
    `<input type="hidden" name="logout" value="yes"/><noscript><button type="submit">${escapeHtml(text.signOut)}</button></noscript></form>`,
  );
  return page({
    title: text.signingOutTitle,
    heading: text.signingOutHeading,
    body: `${autoForm}<script>document.getElementById('op.logoutForm').submit();</script>`,
    language,
  });
}

export function signedOutPage(language: UiLanguage = 'en'): string {
  const text = textFor(language).endSession;
  return page({
    title: text.signedOutTitle,
    heading: text.signedOutHeading,
    body: `<p class="muted">${escapeHtml(text.closeWindow)}</p>`,
    language,
  });
}
