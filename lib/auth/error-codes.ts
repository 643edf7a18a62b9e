import type { LogtoErrorCode } from '../logto/errors.js';
import type { SessionEndReason } from './refresh/refresh-failure.js';

/** Codes the error page knows: the library's, plus outcomes that are not errors of the library. */
export type AuthErrorCode = LogtoErrorCode | SessionEndReason | 'callback.cancelled' | 'sign_out.cross_site' | 'unknown';

/** What the error page says about a code: a heading and one or two sentences. */
export interface ErrorCopy {
  title: string;
  description: string;
}

const copy: Partial<Record<AuthErrorCode, ErrorCopy>> = {
  'config.invalid': {
    title: 'Sign-in is not configured',
    description: 'The app’s Logto settings are missing or invalid. The list below names each problem.',
  },
  'callback.cancelled': {
    title: 'Sign-in was cancelled',
    description: 'You left the sign-in page before finishing. Nothing was changed.',
  },
  'callback.error': {
    title: 'Logto could not complete the sign-in',
    description: 'The sign-in page reported an error. Try again; if it keeps happening, contact the app’s owner.',
  },
  'transaction.missing': {
    title: 'This sign-in attempt has expired',
    description: 'Sign-in links are valid for 10 minutes and can be used once. Start again.',
  },
  'callback.state_missing': {
    title: 'This sign-in link is incomplete',
    description: 'The answer from the sign-in page lacks its security check. Start again.',
  },
  'callback.state_mismatch': {
    title: 'This sign-in link does not belong to this browser',
    description: 'For your safety the sign-in was stopped. Start again from this browser.',
  },
  'callback.iss_missing': {
    title: 'The sign-in answer could not be trusted',
    description: 'It did not say which server sent it. Start again.',
  },
  'callback.iss_mismatch': {
    title: 'The sign-in answer could not be trusted',
    description: 'It came from a different server than the one configured. Start again.',
  },
  'callback.code_missing': {
    title: 'The sign-in answer is incomplete',
    description: 'It carries no authorization code. Start again.',
  },
  'discovery.request_failed': {
    title: 'Logto is unreachable',
    description: 'The sign-in service did not answer. Your data is safe; try again in a moment.',
  },
  'token.request_failed': {
    title: 'Logto is unreachable',
    description: 'The sign-in service did not answer in time. Try again in a moment.',
  },
  'jwks.request_failed': {
    title: 'Logto is unreachable',
    description: 'Logto’s signing keys could not be fetched, so the sign-in could not be verified. Try again in a moment.',
  },
  'token.error_response': {
    title: 'Logto refused the sign-in',
    description: 'The sign-in could not be completed (the code may have expired). Start again.',
  },
  'session.expired': {
    title: 'Your session has ended',
    description: 'Your sign-in expired and cannot be renewed. Sign in again to continue where you were.',
  },
  'session.revoked': {
    title: 'Your session has ended',
    description:
      'Logto no longer accepts this sign-in: you signed out elsewhere, it was revoked, or it expired. Sign in again to continue where you were.',
  },
  'session.client_rejected': {
    title: 'Your session has ended',
    description:
      'Logto refused this app’s credentials (its app secret may have been changed), so your sign-in could not be renewed. Sign in again; if it keeps happening, contact the app’s owner.',
  },
  'session.access_denied': {
    title: 'Your session has ended',
    description: 'Logto denied renewing your sign-in (your access may have been withdrawn). Sign in again to check.',
  },
  'session.refused': {
    title: 'Your session has ended',
    description: 'Logto refused to renew your sign-in. Sign in again to continue where you were.',
  },
  'session.unverifiable': {
    title: 'Your session has ended',
    description: 'Logto’s answer to renewing your sign-in failed a security check, so it was not accepted. Sign in again.',
  },
  'session.outage_expired': {
    title: 'Your sign-in could not be confirmed',
    description:
      'Logto could not be reached to renew your sign-in for longer than this app allows, so you are treated as signed out for now. Reload once it is back: your sign-in resumes unless Logto ended it meanwhile.',
  },
  'session.too_large': {
    title: 'Your account holds too much to sign in here',
    description:
      'Your organizations, roles or other claims from Logto no longer fit in the cookies this app can use, so you cannot stay signed in. Ask the app’s owner to send fewer claims in Logto’s ID token (or to remove organizations you no longer need); signing in again will not help until then.',
  },
  'session.signed_out_elsewhere': {
    title: 'You were signed out in another app',
    description:
      'Your Logto session ended elsewhere (you signed out in another app, or an administrator ended it), so this app signed you out too. Sign in again to continue.',
  },
  'sign_in.invalid_parameter': {
    title: 'This sign-in link is not valid',
    description: 'It asks for a sign-in option this app does not accept. The list below names each one. Use the app’s own sign-in button.',
  },
  'id_token.stale_authentication': {
    title: 'Please sign in again',
    description: 'This page needs a fresh sign-in, and Logto did not confirm one. Start again and enter your credentials.',
  },
  'sign_out.cross_site': {
    title: 'Sign-out was refused',
    description: 'The request did not come from this site. Use the Sign out button in the app.',
  },
};

const idTokenCopy: ErrorCopy = {
  title: 'The sign-in answer could not be verified',
  description: 'The identity token failed a security check, so it was not accepted. Start again.',
};

const fallback: ErrorCopy = {
  title: 'Something went wrong while signing in',
  description: 'Nothing was lost. Try again; if it keeps happening, contact the app’s owner.',
};

const knownCodes = new Set<string>([...Object.keys(copy), 'unknown']);

/**
 * Reads an error code from untrusted input (the error page's `?code=`): a code the page knows, or
 * one of the library's protocol-step codes (`id_token.…`, `token.…`, …); anything else is
 * `unknown`, so a forged code never selects text of its own.
 */
export function toAuthErrorCode(value: string | null | undefined): AuthErrorCode {
  if (!value) return 'unknown';
  if (knownCodes.has(value) || /^(id_token|discovery|token|userinfo|jwks|revocation)\.[a-z_]+$/.test(value)) return value as AuthErrorCode;
  return 'unknown';
}

/**
 * The title and description the error page shows for `code`: plain text written here, never a
 * message from Logto. Codes without their own text share a generic one.
 */
export function describeAuthError(code: AuthErrorCode): ErrorCopy {
  return copy[code] ?? (code.startsWith('id_token.') ? idTokenCopy : fallback);
}
