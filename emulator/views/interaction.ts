/**
 * What every sign-in experience page shows around its form: the name of the application being
 * signed in to, one "Continue with {name}" button per enabled social connector, and a Cancel
 * button that aborts the interaction (the app receives `error=access_denied`).
 */
import type { ExperienceText, UiLanguage } from '../i18n/text';
import { button, postForm } from './layout';

export interface InteractionChrome {
  uid: string;
  /** From the authorization request's `ui_locales`, else the browser's Accept-Language. */
  language: UiLanguage;
  text: ExperienceText;
  /** The client's name, or "the application" (in the page's language). */
  appName: string;
  /** An e-mail connector is configured, so the e-mail code screens are offered. */
  emailEnabled: boolean;
  socialConnectors: readonly { target: string; name: string }[];
}

export function socialButtons({ uid, socialConnectors, text }: InteractionChrome): string {
  if (socialConnectors.length === 0) return '';
  return `<div class="divider">${text.or}</div>${socialConnectors
    .map((connector) => postForm(`/interaction/${uid}/social/${connector.target}`, button(text.continueWith(connector.name), 'secondary')))
    .join('')}`;
}

export function cancelForm({ uid, text }: InteractionChrome): string {
  return postForm(`/interaction/${uid}/abort`, button(text.cancel, 'link'));
}
