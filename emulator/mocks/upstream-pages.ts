/** The HTML a mock social upstream shows: its consent page and its authorization error page. */
import { alert, button, escapeHtml, page, postForm } from '../views/layout';
import type { UpstreamSpec } from './upstream-specs';

const footer = 'Mock OAuth provider run by the local Logto emulator';

/** An authorization request the upstream refuses to show consent for. */
export function upstreamErrorPage(spec: UpstreamSpec, message: string): string {
  return page({
    title: 'Error',
    heading: 'Authorization error',
    brand: spec.upstream.displayName,
    brandTag: '(mock)',
    accent: spec.accent,
    footer,
    body: alert('error', message),
  });
}

/**
 * Pick an account, then "Authorize" or "Cancel"; posts back to `action` with the request's
 * `client_id`, `redirect_uri`, `state` and `scope`.
 */
export function upstreamConsentPage(spec: UpstreamSpec, query: URLSearchParams, action: string): string {
  const { displayName } = spec.upstream;
  const choices = spec.upstream.accounts
    .map((account, index) => {
      const id = spec.accountId(account);
      const { title, detail } = spec.accountLabel(account);
      return `<label class="choice" for="account-${index}"><input type="radio" id="account-${index}" name="account" value="${escapeHtml(id)}"${index === 0 ? ' checked' : ''}><span>${escapeHtml(title)} <small>${escapeHtml(detail)}</small></span></label>`;
    })
    .join('');
  const hidden = ['client_id', 'redirect_uri', 'state', 'scope']
    .map((name) => `<input type="hidden" name="${name}" value="${escapeHtml(query.get(name) ?? '')}">`)
    .join('');
  return page({
    title: 'Authorize',
    heading: 'Authorize Logto (local)',
    subheading: `Logto (local) wants to sign you in with your ${displayName} account.`,
    brand: displayName,
    brandTag: '(mock)',
    accent: spec.accent,
    footer,
    body: postForm(
      action,
      `${hidden}<fieldset><legend>Choose an account</legend>${choices}</fieldset>${button('Authorize', 'primary', 'name="decision" value="authorize"')}${button('Cancel', 'secondary', 'name="decision" value="cancel" formnovalidate')}`,
    ),
  });
}
