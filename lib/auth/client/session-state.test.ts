import { describe, expect, it } from 'vitest';
import type { IdTokenClaims } from '../../logto/types.js';
import { fromUserResponse, sessionReducer, SIGNED_OUT, signInHref, type ClientSession } from './session-state.js';

const claims: IdTokenClaims = { sub: 'user-1', iss: 'https://logto.test/oidc', aud: 'app', exp: 2_000_000_000, iat: 1_999_996_400, name: 'Alice' };
const signedIn: ClientSession = { status: 'signed-in', claims, expiresAt: claims.exp, grace: false };

describe('fromUserResponse', () => {
  it('reads a signed-in answer of the user route, grace included', () => {
    expect(fromUserResponse({ isAuthenticated: true, status: 'verified', claims })).toEqual(signedIn);
    expect(fromUserResponse({ isAuthenticated: true, status: 'grace', claims })).toEqual({ ...signedIn, grace: true });
  });

  it('reads signed-out and unverified answers as signed out', () => {
    expect(fromUserResponse({ isAuthenticated: false })).toEqual(SIGNED_OUT);
    expect(fromUserResponse({ isAuthenticated: false, status: 'unverified' })).toEqual(SIGNED_OUT);
  });

  it('ignores what is not an answer (keep showing what is known)', () => {
    for (const body of [null, 'signed out', [], {}, { isAuthenticated: 'yes' }, { isAuthenticated: false, error: 'config.invalid' }, { isAuthenticated: true }, { isAuthenticated: true, claims: { sub: 'x' } }]) {
      expect(fromUserResponse(body)).toBeUndefined();
    }
  });

  it('keeps no field of the body but the claims', () => {
    const session = fromUserResponse({ isAuthenticated: true, status: 'verified', claims, accessToken: 'eyJ.secret.token' });
    expect(JSON.stringify(session)).not.toContain('eyJ.secret.token');
  });
});

describe('sessionReducer', () => {
  it('signs out', () => {
    expect(sessionReducer(signedIn, { type: 'signed-out' })).toBe(SIGNED_OUT);
  });

  it('takes a newer session', () => {
    const renewed: ClientSession = { ...signedIn, claims: { ...claims, exp: claims.exp + 3600 }, expiresAt: claims.exp + 3600 };
    expect(sessionReducer(signedIn, { type: 'synced', session: renewed })).toBe(renewed);
    expect(sessionReducer(SIGNED_OUT as ClientSession, { type: 'synced', session: signedIn })).toBe(signedIn);
  });

  it('keeps the same state object when nothing changed (no re-render on every focus)', () => {
    expect(sessionReducer(signedIn, { type: 'synced', session: structuredClone(signedIn) })).toBe(signedIn);
    expect(sessionReducer(SIGNED_OUT as ClientSession, { type: 'signed-out' })).toBe(SIGNED_OUT);
  });

  it('notices a changed claim and a grace that began', () => {
    const renamed = { ...signedIn, claims: { ...claims, name: 'Alice B.' } };
    expect(sessionReducer(signedIn, { type: 'synced', session: renamed })).toBe(renamed);
    const grace = { ...signedIn, grace: true };
    expect(sessionReducer(signedIn, { type: 'synced', session: grace })).toBe(grace);
  });
});

describe('signInHref', () => {
  it('carries returnTo, encoded', () => {
    expect(signInHref({ signIn: '/api/logto/sign-in' }, '/protected/organizations?view=roles')).toBe(
      '/api/logto/sign-in?returnTo=%2Fprotected%2Forganizations%3Fview%3Droles',
    );
    expect(signInHref({ signIn: '/auth/in' })).toBe('/auth/in');
  });
});
