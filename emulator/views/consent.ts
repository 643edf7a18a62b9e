/**
 * The consent page shown to third-party applications only (first-party apps are consented
 * automatically): the requested scopes, Authorize and Cancel.
 */
import { cancelForm, type InteractionChrome } from './interaction';
import { button, escapeHtml, page, postForm } from './layout';

export function consentPage(chrome: InteractionChrome, scopes: readonly string[]): string {
  const body = [
    `<p>${escapeHtml(chrome.appName)} asks for:</p>`,
    `<ul class="scopes">${scopes.map((scope) => `<li>${escapeHtml(scope)}</li>`).join('')}</ul>`,
    postForm(`/interaction/${chrome.uid}/consent`, button('Authorize')),
    cancelForm(chrome),
  ].join('');
  return page({ title: 'Authorize', heading: 'Authorize access', body });
}
