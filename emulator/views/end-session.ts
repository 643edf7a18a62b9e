/**
 * The two end-session pages: "Signing out…", which wraps oidc-provider's confirmation form and
 * submits it at once, and "You have signed out" for a logout without a post-logout redirect.
 */
import { page } from './layout';

/** `form` is oidc-provider's confirmation form (id `op.logoutForm`); it gets `logout=yes`. */
export function signingOutPage(form: string): string {
  const autoForm = form.replace(
    '</form>',
    '<input type="hidden" name="logout" value="yes"/><noscript><button type="submit">Sign out</button></noscript></form>',
  );
  return page({
    title: 'Signing out',
    heading: 'Signing out…',
    body: `${autoForm}<script>document.getElementById('op.logoutForm').submit();</script>`,
  });
}

export function signedOutPage(): string {
  return page({
    title: 'Signed out',
    heading: 'You have signed out',
    body: '<p class="muted">You can close this window.</p>',
  });
}
