import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { RunningEmulator } from './server';
import { authorizationRequest, newBrowser, signInWithPassword, startTestEmulator } from './test-utils/flows';

/** An app that mounts its callback and its signed-out page on paths of its own. */
const CALLBACK = 'https://app.example.com/auth/callback';
const AFTER_SIGN_OUT = 'https://app.example.com/bye';

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startTestEmulator({ redirectUris: [CALLBACK], postLogoutRedirectUris: [AFTER_SIGN_OUT] });
});

afterAll(async () => {
  await emulator.close();
});

describe('extra redirect URIs (EMULATOR_REDIRECT_URIS, EMULATOR_POST_LOGOUT_REDIRECT_URIS)', () => {
  it('accept a registered callback on a path of its own, and keep the seed’s', async () => {
    for (const redirectUri of [CALLBACK, 'http://localhost:3000/api/logto/callback']) {
      const { callback } = await signInWithPassword(emulator, newBrowser(emulator), 'demo', { redirectUri });
      expect(`${callback.origin}${callback.pathname}`).toBe(redirectUri);
    }
  });

  it('still refuse a path that is not registered', async () => {
    const request = authorizationRequest(emulator, { redirectUri: 'https://app.example.com/api/logto/callback' });
    const response = await newBrowser(emulator).get(request.url);
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body)).toMatchObject({ error: 'invalid_redirect_uri' });
  });

  it('end a session at a registered post sign-out URI', async () => {
    const browser = newBrowser(emulator);
    await signInWithPassword(emulator, browser, 'demo', { redirectUri: CALLBACK });
    const url = new URL(`${emulator.issuer}/session/end`);
    url.searchParams.set('client_id', emulator.app.clientId);
    url.searchParams.set('post_logout_redirect_uri', AFTER_SIGN_OUT);
    const done = await browser.submit(await browser.get(url.href), 'Sign out');
    expect(done.status).toBe(303);
    expect(done.location).toBe(AFTER_SIGN_OUT);
  });
});
