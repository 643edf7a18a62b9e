import { readFileSync } from 'node:fs';

import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

import type { RunningEmulator } from './server';
import { alertText, labels, parseForms, type Browser, type BrowserResponse } from './test-utils/browser';
import {
  authorizationRequest,
  exchangeCode,
  newBrowser,
  openSignIn,
  reachCallback,
  startTestEmulator,
  verifyIdToken,
  type AuthorizationRequest,
} from './test-utils/flows';

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startTestEmulator();
});

afterEach(() => {
  vi.useRealTimers();
});

afterAll(async () => {
  await emulator.close();
});

function emailRequest(extra: Record<string, string> = {}): AuthorizationRequest {
  return authorizationRequest(emulator, {
    scope: 'openid profile email',
    extra: { first_screen: 'identifier:sign_in', identifier: 'email', ...extra },
  });
}

function lastMessage() {
  const message = emulator.outbox.at(-1);
  if (!message) throw new Error('the outbox is empty');
  return message;
}

async function sendCode(browser: Browser, page: BrowserResponse, email: string): Promise<BrowserResponse> {
  const sent = await browser.submit(page, 'Send code', { email });
  return browser.follow(sent, new URL(emulator.url).origin);
}

async function signInWithEmail(email: string): Promise<{ sub: string; templateAlias: string }> {
  const browser = newBrowser(emulator);
  const request = emailRequest();
  const verify = await sendCode(browser, await openSignIn(emulator, browser, request), email);
  const message = lastMessage();
  const callback = await reachCallback(emulator, browser, await browser.submit(verify, 'Continue', { code: String(message.TemplateModel.code) }));
  const tokens = await exchangeCode(emulator, callback.searchParams.get('code') ?? '', request);
  const { payload } = await verifyIdToken(emulator, tokens.id_token, request.nonce);
  expect(payload.email).toBe(email);
  return { sub: String(payload.sub), templateAlias: message.TemplateAlias };
}

describe('passwordless email sign-in through the Postmark connector', () => {
  it('sends a 6-digit code with Logto’s Postmark call and signs the user in with it', async () => {
    const browser = newBrowser(emulator);
    const request = emailRequest();
    const page = await openSignIn(emulator, browser, request);
    expect(new URL(page.url).pathname).toMatch(/\/email$/);
    expect([...labels(page.body).values()]).toEqual(['Email']);

    const verify = await sendCode(browser, page, 'alice@example.com');
    expect(verify.status).toBe(200);
    expect([...labels(verify.body).values()]).toEqual(['Verification code']);

    const message = lastMessage();
    expect(message).toMatchObject({ From: 'no-reply@example.com', To: 'alice@example.com', TemplateAlias: 'logto-sign-in' });
    expect(String(message.TemplateModel.code)).toMatch(/^\d{6}$/);
    expect(message.MessageID).toMatch(/^[0-9a-f-]{36}$/);

    const wrongCode = String((Number(message.TemplateModel.code) + 1) % 1_000_000).padStart(6, '0');
    const wrong = await browser.submit(verify, 'Continue', { code: wrongCode });
    expect(wrong.status).toBe(400);
    expect(alertText(wrong.body)).toBe('Invalid verification code.');

    const callback = await reachCallback(emulator, browser, await browser.submit(wrong, 'Continue', { code: String(message.TemplateModel.code) }));
    const tokens = await exchangeCode(emulator, callback.searchParams.get('code') ?? '', request);
    expect((await verifyIdToken(emulator, tokens.id_token, request.nonce)).payload.sub).toBe('alice0000001');
  });

  it('creates a user for a new email (Register template) and finds it the next time (SignIn template)', async () => {
    const first = await signInWithEmail('new.person@example.com');
    expect(first.templateAlias).toBe('logto-register');
    expect(first.sub).toMatch(/^[0-9a-z]{12}$/);
    const second = await signInWithEmail('new.person@example.com');
    expect(second).toEqual({ sub: first.sub, templateAlias: 'logto-sign-in' });
  });

  it('is reachable from the sign-in page and pre-fills login_hint', async () => {
    const browser = newBrowser(emulator);
    const signIn = await openSignIn(emulator, browser, authorizationRequest(emulator, { extra: { login_hint: 'olivia@example.com' } }));
    const link = /href="([^"]*\/email)"/.exec(signIn.body)?.[1];
    expect(link).toBeTruthy();
    const page = await browser.get(new URL(link ?? '', signIn.url).href);
    expect(parseForms(page.body, page.url)[0]?.fields.email).toBe('olivia@example.com');
  });

  it('rejects an expired code', async () => {
    const browser = newBrowser(emulator);
    const verify = await sendCode(browser, await openSignIn(emulator, browser, emailRequest()), 'alice@example.com');
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    vi.setSystemTime(Date.now() + 11 * 60 * 1000);
    const expired = await browser.submit(verify, 'Continue', { code: String(lastMessage().TemplateModel.code) });
    expect(expired.status).toBe(400);
    expect(alertText(expired.body)).toBe('Verification code has expired. Please get a new one.');
  });

  it('resets a password with a ForgotPassword code', async () => {
    const browser = newBrowser(emulator);
    const page = await openSignIn(emulator, browser, authorizationRequest(emulator, { extra: { first_screen: 'reset_password' } }));
    expect(new URL(page.url).pathname).toMatch(/\/reset-password$/);
    const verify = await sendCode(browser, page, 'olivia@example.com');
    expect(lastMessage().TemplateAlias).toBe('logto-forgot-password');
    const done = await browser.submit(verify, 'Reset password', { code: String(lastMessage().TemplateModel.code), password: 'Fresh-Passw0rd' });
    const signIn = await browser.follow(done, new URL(emulator.url).origin);
    expect(signIn.body).toContain('Your password has been reset.');
    const callback = await reachCallback(emulator, browser, await browser.submit(signIn, 'Sign in', { username: 'olivia', password: 'Fresh-Passw0rd' }));
    expect(callback.searchParams.get('code')).toBeTruthy();
    emulator.reset();
  });
});

describe('mock Postmark server', () => {
  it('rejects a wrong server token like Postmark', async () => {
    const response = await fetch(`${emulator.internalUrl}/mock/postmark/email/withTemplate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', 'x-postmark-server-token': 'wrong' },
      body: JSON.stringify({ From: 'no-reply@example.com', To: 'a@example.com', TemplateAlias: 'logto-sign-in', TemplateModel: { code: '1' } }),
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ ErrorCode: 10 });
  });

  it('answers like Postmark for an accepted message and rejects an unknown template', async () => {
    const send = (alias: string) =>
      fetch(`${emulator.internalUrl}/mock/postmark/email/withTemplate`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-postmark-server-token': 'mock-postmark-server-token' },
        body: JSON.stringify({ From: 'no-reply@example.com', To: 'b@example.com', TemplateAlias: alias, TemplateModel: { code: '123456' } }),
      });
    const ok = await send('logto-generic');
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ To: 'b@example.com', ErrorCode: 0, Message: 'OK' });
    const unknown = await send('nope');
    expect(unknown.status).toBe(422);
    expect(await unknown.json()).toMatchObject({ ErrorCode: 1101 });
  });

  it('shows a readable error when the connector’s server token is wrong', async () => {
    const seed = JSON.parse(readFileSync(new URL('./seed.json', import.meta.url), 'utf8')) as {
      connectors: { id: string; config: Record<string, unknown> }[];
    };
    const postmark = seed.connectors.find((connector) => connector.id === 'postmark-mail');
    if (postmark) postmark.config.serverToken = 'not-the-right-token';
    const broken = await startTestEmulator({ seed });
    try {
      const browser = newBrowser(broken);
      const page = await openSignIn(broken, browser, authorizationRequest(broken, { extra: { first_screen: 'identifier:sign_in', identifier: 'email' } }));
      const failed = await browser.submit(page, 'Send code', { email: 'alice@example.com' });
      expect(failed.status).toBe(502);
      expect(alertText(failed.body)).toBe('The verification code could not be sent. Please try again.');
      expect(broken.outbox).toHaveLength(0);
    } finally {
      await broken.close();
    }
  });
});
