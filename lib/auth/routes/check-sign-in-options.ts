import { parseDirectSignIn, parseFirstScreen } from '../../logto/authorization.js';
import {
  isAbsoluteHttpUrl,
  isLanguageTag,
  isLoginHint,
  isMaxAge,
  isOrganizationId,
  isScopeToken,
  LIST_LIMITS,
  LOGIN_HINT_RULE,
  type SignInOptionProblem,
  type SignInOptions,
} from './sign-in-options.js';

type Check = (value: unknown) => string | undefined;

const IDENTIFIERS: ReadonlySet<unknown> = new Set(['email', 'phone', 'username']);

const stringThat = (test: (value: string) => boolean, rule: string): Check => (value) =>
  typeof value === 'string' && test(value) ? undefined : rule;

/** A list whose every entry is checked as it is, never joined or split first. */
function listOf(test: (value: string) => boolean, entry: string, limits: { min: number; max: number }): Check {
  return (value) => {
    if (!Array.isArray(value) || value.length < limits.min || value.length > limits.max) {
      return `must be a list of ${limits.min} to ${limits.max} entries, each ${entry}`;
    }
    const bad = value.findIndex((item) => typeof item !== 'string' || !test(item));
    return bad < 0 ? undefined : `entry ${bad} must be ${entry}`;
  };
}

function isDirectSignIn(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const { method, target } = value as Record<string, unknown>;
  const parsed = typeof method === 'string' && typeof target === 'string' ? parseDirectSignIn(`${method}:${target}`) : undefined;
  return parsed?.method === method && parsed?.target === target;
}

/** How each option of `signIn()` is checked, on the very value `startSignIn` sends. */
const checks = new Map<string, Check>(
  Object.entries<Check>({
    returnTo: (value) => (typeof value === 'string' ? undefined : 'must be a string (a same-origin path)'),
    prompt: (value) => (value === 'login' ? undefined : 'must be "login"'),
    maxAge: (value) => (typeof value === 'number' && isMaxAge(value) ? undefined : 'must be a whole number of seconds, at most 366 days'),
    uiLocales: listOf(isLanguageTag, 'one language tag such as "ja" or "en-US"', { min: 0, max: LIST_LIMITS.uiLocales }),
    organizationId: stringThat(isOrganizationId, 'must be an organization id'),
    scopes: listOf(isScopeToken, 'one scope (RFC 6749 scope-token, no spaces)', { min: 0, max: LIST_LIMITS.scopes }),
    resources: listOf(isAbsoluteHttpUrl, 'one absolute http(s) URL without a fragment', { min: 0, max: LIST_LIMITS.resources }),
    loginHint: stringThat(isLoginHint, LOGIN_HINT_RULE),
    firstScreen: stringThat((value) => parseFirstScreen(value) !== undefined, 'must be one of Logto’s first screens'),
    identifiers: listOf((value) => IDENTIFIERS.has(value), '"email", "phone" or "username"', { min: 1, max: 3 }),
    directSignIn: (value) => (isDirectSignIn(value) ? undefined : 'must be { method: "social" | "sso", target } with a target free of ":/?#" and spaces'),
  }),
);

/**
 * Checks the options of `signIn()` as they are: every list entry on its own (`['ja,en']` is not a
 * language tag, though `ja,en` in a query is two), and an unknown option is refused. An option
 * given as `undefined` is absent. The problems name the option, never echo its value.
 */
export function checkSignInOptions(options: SignInOptions): SignInOptionProblem[] {
  if (typeof options !== 'object' || options === null) return [{ parameter: 'options', reason: 'must be an object' }];
  const problems: SignInOptionProblem[] = [];
  for (const [name, value] of Object.entries(options)) {
    if (value === undefined) continue;
    const reason = checks.get(name)?.(value) ?? (checks.has(name) ? undefined : 'is not a sign-in option');
    if (reason) problems.push({ parameter: name, reason });
  }
  return problems;
}
