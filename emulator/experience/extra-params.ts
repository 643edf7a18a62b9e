/**
 * Logto's extra authorization parameters (`first_screen`, `interaction_mode`, `identifier`,
 * `direct_sign_in`, `login_hint`) and the first screen they select; one invalid value makes all of
 * them ignored. As Logto's `buildLoginPromptUrl` in https://github.com/logto-io/logto/blob/v1.37.1/packages/core/src/oidc/utils.ts.
 */

const FIRST_SCREENS = new Set([
  'sign_in',
  'register',
  'reset_password',
  'identifier:sign_in',
  'identifier:register',
  'single_sign_on',
  'signIn',
]);

/** Logto's extra authorization parameters, parsed all-or-nothing like Logto's `extraParamsObjectGuard`. */
export interface ExtraParams {
  firstScreen?: string;
  interactionMode?: 'signIn' | 'signUp';
  identifiers?: string[];
  directSignIn?: { method: 'social' | 'sso'; target: string };
  loginHint?: string;
}

export function parseExtraParams(params: Record<string, unknown>): ExtraParams {
  const loginHint = typeof params.login_hint === 'string' && params.login_hint ? params.login_hint : undefined;
  const base: ExtraParams = loginHint ? { loginHint } : {};
  const text = (key: string) => (typeof params[key] === 'string' && params[key] !== '' ? (params[key] as string) : undefined);

  const firstScreen = text('first_screen');
  const interactionMode = text('interaction_mode');
  const identifier = text('identifier');
  const directSignIn = text('direct_sign_in');

  // One invalid value makes Logto ignore every extra parameter, silently.
  const identifiers = identifier?.split(' ').filter(Boolean);
  const direct = directSignIn ? /^(social|sso):(.+)$/.exec(directSignIn) : undefined;
  if (
    (firstScreen !== undefined && !FIRST_SCREENS.has(firstScreen)) ||
    (interactionMode !== undefined && interactionMode !== 'signIn' && interactionMode !== 'signUp') ||
    (identifiers !== undefined && identifiers.some((item) => !['email', 'phone', 'username'].includes(item))) ||
    (directSignIn !== undefined && !direct)
  ) {
    return base;
  }

  return {
    ...base,
    ...(firstScreen ? { firstScreen } : {}),
    ...(interactionMode ? { interactionMode: interactionMode as 'signIn' | 'signUp' } : {}),
    ...(identifiers ? { identifiers } : {}),
    ...(direct?.[1] && direct[2] ? { directSignIn: { method: direct[1] as 'social' | 'sso', target: direct[2] } } : {}),
  };
}

/** The route of the first screen for a login prompt (Logto's `buildLoginPromptUrl`). */
export function firstScreenPath(extras: ExtraParams): string {
  const emailOnly = (extras.identifiers ?? []).includes('email') && !(extras.identifiers ?? []).includes('username');
  switch (extras.firstScreen) {
    case 'register':
      return 'register';
    case 'reset_password':
      return 'reset-password';
    case 'identifier:sign_in':
      return emailOnly ? 'email' : 'sign-in';
    case 'identifier:register':
      return emailOnly ? 'email?intent=register' : 'register';
    case 'sign_in':
    case 'signIn':
    case 'single_sign_on':
      return 'sign-in';
    default:
      return extras.interactionMode === 'signUp' ? 'register' : 'sign-in';
  }
}
