import {
  parseDirectSignIn,
  parseFirstScreen,
  parseIdentifiers,
  type DirectSignIn,
  type FirstScreen,
  type Identifier,
} from '../../logto/authorization.js';

/**
 * What one sign-in may ask of Logto beyond the app's configuration. Every field is optional.
 * @see https://openid.net/specs/openid-connect-core-1_0.html#AuthRequest (prompt, max_age, ui_locales, login_hint)
 * @see https://docs.logto.io/end-user-flows/authentication-parameters (first_screen, identifier, direct_sign_in, organization_id)
 */
export interface SignInOptions {
  /** A same-origin path to return to after sign-in. */
  returnTo?: string;
  /** Step-up: make the user authenticate again even with a live Logto session. */
  prompt?: 'login';
  /** Seconds: re-authenticate when the last authentication is older (checked on `auth_time`). */
  maxAge?: number;
  /** Preferred languages of Logto's sign-in page, most preferred first (BCP 47 tags). */
  uiLocales?: readonly string[];
  /** Sign in straight into this organization. */
  organizationId?: string;
  /** Scopes to ask for in this sign-in only, on top of `LOGTO_SCOPES`. */
  scopes?: readonly string[];
  /** API resources to ask for in this sign-in only, on top of `LOGTO_RESOURCES`. */
  resources?: readonly string[];
  /** Prefills the sign-in page's identifier (an email, a phone number or a username). */
  loginHint?: string;
  /** The screen Logto opens on, e.g. `register` (what the sign-up route sends). */
  firstScreen?: FirstScreen;
  /** Which identifiers an `identifier:*` or `reset_password` first screen accepts (`email`, `phone`, `username`). */
  identifiers?: readonly Identifier[];
  /** Skips Logto's sign-in page and goes straight to a social or SSO connector. */
  directSignIn?: DirectSignIn;
}

/** One refused parameter: its name and why, safe to show (no value is echoed). */
export interface SignInOptionProblem {
  parameter: string;
  reason: string;
}

const MAX_HINT_LENGTH = 256;
const MAX_AGE_LIMIT = 366 * 24 * 60 * 60;
const LANGUAGE_TAG = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8}){0,3}$/;
const ORGANIZATION_ID = /^[\w-]{1,128}$/;
/** RFC 6749 section 3.3 `scope-token`. */
const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]{1,128}$/;
const CONTROL = /[\u0000-\u001F\u007F]/;

/** How many entries one sign-in may ask for. */
export const LIST_LIMITS = { uiLocales: 10, scopes: 50, resources: 20 } as const;

/** Whether `value` is a BCP 47 language tag of the simple shape `ui_locales` accepts (`ja`, `en-US`). */
export const isLanguageTag = (value: string): boolean => LANGUAGE_TAG.test(value);
/** Whether `value` is an organization id as Logto mints them (word characters and `-`). */
export const isOrganizationId = (value: string): boolean => ORGANIZATION_ID.test(value);
/** Whether `value` is one scope (RFC 6749 section 3.3 `scope-token`: no spaces, no `"` or `\`). */
export const isScopeToken = (value: string): boolean => SCOPE_TOKEN.test(value);
/** Whether `value` is a whole number of seconds that `max_age` accepts (at most 366 days). */
export const isMaxAge = (value: number): boolean => Number.isSafeInteger(value) && value >= 0 && value <= MAX_AGE_LIMIT;
/** Whether `value` is a `login_hint`: 1 to 256 characters, no control character. */
export const isLoginHint = (value: string): boolean => value.length > 0 && value.length <= MAX_HINT_LENGTH && !CONTROL.test(value);
/** Why a `login_hint` is refused. */
export const LOGIN_HINT_RULE = `must be 1 to ${MAX_HINT_LENGTH} printable characters`;

const words = (value: string) => value.split(/[\s,]+/).filter(Boolean);

/** Whether `value` is an absolute http(s) URL without a fragment (an RFC 8707 resource indicator). */
export function isAbsoluteHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && !url.hash;
  } catch {
    return false;
  }
}

type Reader = (value: string, into: SignInOptions) => string | undefined;

/**
 * The query parameters of the sign-in route, by name, with how each is read. A `Map`, so that a
 * name such as `valueOf` or `__proto__` finds nothing instead of `Object.prototype`'s members.
 */
const readers = new Map<string, Reader>(
  Object.entries<Reader>({
    returnTo: (value, into) => {
      into.returnTo = value;
      return undefined;
    },
    prompt: (value, into) => {
      if (value !== 'login') return 'must be "login" (consent is always asked for, so Logto issues a refresh token)';
      into.prompt = 'login';
      return undefined;
    },
    max_age: (value, into) => {
      if (!/^\d{1,9}$/.test(value) || !isMaxAge(Number(value))) return 'must be a whole number of seconds';
      into.maxAge = Number(value);
      return undefined;
    },
    ui_locales: (value, into) => {
      const tags = words(value);
      if (tags.length === 0 || tags.length > LIST_LIMITS.uiLocales || !tags.every(isLanguageTag)) {
        return 'must be a space-separated list of language tags such as "ja en"';
      }
      into.uiLocales = tags;
      return undefined;
    },
    organization_id: (value, into) => {
      if (!isOrganizationId(value)) return 'must be an organization id';
      into.organizationId = value;
      return undefined;
    },
    scope: (value, into) => {
      const scopes = words(value);
      if (scopes.length === 0 || scopes.length > LIST_LIMITS.scopes || !scopes.every(isScopeToken)) {
        return 'must be a space-separated list of scopes';
      }
      into.scopes = [...(into.scopes ?? []), ...scopes];
      return undefined;
    },
    resource: (value, into) => {
      const resources = words(value);
      if (resources.length === 0 || resources.length > LIST_LIMITS.resources || !resources.every(isAbsoluteHttpUrl)) {
        return 'must be absolute http(s) URLs';
      }
      into.resources = [...(into.resources ?? []), ...resources];
      return undefined;
    },
    login_hint: (value, into) => {
      if (!isLoginHint(value)) return LOGIN_HINT_RULE;
      into.loginHint = value;
      return undefined;
    },
    first_screen: (value, into) => {
      const screen = parseFirstScreen(value);
      if (!screen) return 'must be one of Logto’s first screens (register, sign_in, identifier:sign_in, …)';
      into.firstScreen = screen;
      return undefined;
    },
    identifier: (value, into) => {
      const identifiers = parseIdentifiers(value);
      if (!identifiers) return 'must be a list of email, phone and username';
      into.identifiers = identifiers;
      return undefined;
    },
    direct_sign_in: (value, into) => {
      const target = parseDirectSignIn(value);
      if (!target) return 'must be social:<target> or sso:<connector id>';
      into.directSignIn = target;
      return undefined;
    },
  }),
);

/** Parameters that may carry several values. */
const repeatable = new Set(['scope', 'resource']);

/**
 * Reads the sign-in route's query. Every parameter is checked: an unknown one, a repeated one or
 * a malformed value is refused (listed in `problems`, never forwarded to Logto).
 */
export function parseSignInQuery(query: URLSearchParams): { options: SignInOptions; problems: SignInOptionProblem[] } {
  const options: SignInOptions = {};
  const problems: SignInOptionProblem[] = [];
  const seen = new Set<string>();
  for (const [name, value] of query) {
    const read = readers.get(name);
    if (!read) {
      problems.push({ parameter: /^[\w-]{1,32}$/.test(name) ? name : 'a parameter', reason: 'is not a sign-in option' });
      continue;
    }
    if (seen.has(name) && !repeatable.has(name)) {
      problems.push({ parameter: name, reason: 'is given more than once' });
      continue;
    }
    seen.add(name);
    const reason = read(value, options);
    if (reason) problems.push({ parameter: name, reason });
  }
  return { options, problems };
}
