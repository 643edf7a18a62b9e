import { describe, expect, it } from 'vitest';

import { validateCallback } from './callback.js';
import { OidcResponseError } from './errors.js';
import observedSignIn from './test-utils/observed/sign-in.json';
import { thrown, thrownCode as codeOf } from './test-utils/errors.js';

const issuer = 'http://localhost:3001/oidc';
const callback = (query: string) => new URL(`http://localhost:3000/api/logto/callback?${query}`);
describe('validateCallback', () => {
  it('returns the code of the callback a real Logto sent', () => {
    const location = observedSignIn.authorization_flow.find((step) => step.includes('/api/logto/callback?'));
    const url = new URL(location?.split('Location: ')[1]?.split(' (')[0] ?? '');
    expect(validateCallback(url, { state: 'hC7SS3Lu0dA', issuer })).toEqual({
      code: 'zdVoxviW_ePieHDff8fJj8qjtsM-4UP0l_pGFUva6fx',
    });
  });

  it('checks state first: missing, then mismatch', () => {
    expect(codeOf(() => validateCallback(callback('code=c&iss=x'), { state: 's', issuer }))).toBe(
      'callback.state_missing',
    );
    expect(codeOf(() => validateCallback(callback(`code=c&state=t&iss=${issuer}`), { state: 's', issuer }))).toBe(
      'callback.state_mismatch',
    );
    expect(codeOf(() => validateCallback(callback(`code=c&state=s1&iss=${issuer}`), { state: 's', issuer }))).toBe(
      'callback.state_mismatch',
    );
    expect(codeOf(() => validateCallback(callback(`code=c&state=s&state=s&iss=${issuer}`), { state: 's', issuer }))).toBe(
      'callback.state_mismatch',
    );
    expect(codeOf(() => validateCallback(callback('error=access_denied'), { state: 's', issuer }))).toBe(
      'callback.state_missing',
    );
  });

  it('requires iss by default and compares it exactly (RFC 9207)', () => {
    expect(codeOf(() => validateCallback(callback('code=c&state=s'), { state: 's', issuer }))).toBe(
      'callback.iss_missing',
    );
    expect(
      codeOf(() => validateCallback(callback('code=c&state=s&iss=https://evil.example/oidc'), { state: 's', issuer })),
    ).toBe('callback.iss_mismatch');
    expect(
      codeOf(() => validateCallback(callback(`code=c&state=s&iss=${issuer}/`), { state: 's', issuer })),
    ).toBe('callback.iss_mismatch');
    expect(validateCallback(callback('code=c&state=s'), { state: 's', issuer, requireIss: false })).toEqual({ code: 'c' });
    expect(
      codeOf(() => validateCallback(callback('code=c&state=s&iss=x'), { state: 's', issuer, requireIss: false })),
    ).toBe('callback.iss_mismatch');
  });

  it('turns an error response into OidcResponseError callback.error after state and iss checks', () => {
    const url = callback(
      `error=access_denied&error_description=${encodeURIComponent('<b>denied</b>')}&state=s&iss=${encodeURIComponent(issuer)}`,
    );
    const caught = thrown(() => validateCallback(url, { state: 's', issuer }));
    expect(caught).toBeInstanceOf(OidcResponseError);
    const error = caught as OidcResponseError;
    expect(error.code).toBe('callback.error');
    expect(error.error).toBe('access_denied');
    expect(error.errorDescription).toBe('<b>denied</b>');
    expect(error.status).toBe(400);
    expect(codeOf(() => validateCallback(callback(`error=access_denied&state=x&iss=${issuer}`), { state: 's', issuer }))).toBe(
      'callback.state_mismatch',
    );
  });

  it('requires a code', () => {
    expect(codeOf(() => validateCallback(callback(`state=s&iss=${issuer}`), { state: 's', issuer }))).toBe(
      'callback.code_missing',
    );
    expect(codeOf(() => validateCallback(callback(`code=&state=s&iss=${issuer}`), { state: 's', issuer }))).toBe(
      'callback.code_missing',
    );
  });
});
