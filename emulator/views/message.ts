/**
 * A page that only says what went wrong (unknown page, wrong method, expired interaction), with
 * no way forward but going back to the application.
 */
import { textFor, type ExperienceText, type UiLanguage } from '../i18n/text';
import { alert, page } from './layout';

export type MessageKey = keyof ExperienceText['pages'];

export function messagePage(key: MessageKey, language: UiLanguage = 'en'): string {
  const { heading, message } = textFor(language).pages[key];
  return page({ title: heading, heading, body: alert('error', message), language });
}

export function expiredPage(language: UiLanguage = 'en'): string {
  return messagePage('expired', language);
}
