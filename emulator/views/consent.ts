/**
 * The consent page shown to third-party applications only (first-party apps are consented
 * automatically): the requested scopes, Authorize and Cancel.
 */
import { cancelForm, type InteractionChrome } from './interaction';
import { button, escapeHtml, page, postForm } from './layout';

export function consentPage(chrome: InteractionChrome, scopes: readonly string[]): string {
  const { text } = chrome;
  const body = [
    `<p>${escapeHtml(text.consent.asksFor(chrome.appName))}</p>`,
    `<ul class="scopes">${scopes.map((scope) => `<li>${escapeHtml(scope)}</li>`).join('')}</ul>`,
    postForm(`/interaction/${chrome.uid}/consent`, button(text.consent.authorize)),
    cancelForm(chrome),
  ].join('');
  return page({ title: text.consent.title, heading: text.consent.heading, body, language: chrome.language });
}
