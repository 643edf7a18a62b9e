/**
 * A page that only says what went wrong (unknown page, wrong method, expired interaction), with
 * no way forward but going back to the application.
 */
import { alert, page } from './layout';

export function messagePage(heading: string, message: string): string {
  return page({ title: heading, heading, body: alert('error', message) });
}

export function expiredPage(): string {
  return messagePage(
    'Session expired',
    'Session not found. Please go back and sign in again.',
  );
}
