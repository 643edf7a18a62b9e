import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { RunningEmulator } from './server';
import { alertText, labels, parseForms, type Browser, type BrowserResponse } from './test-utils/browser';
import { authorizationRequest, newBrowser, openSignIn, startTestEmulator } from './test-utils/flows';

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startTestEmulator();
});

afterAll(async () => {
  await emulator.close();
});

const htmlLang = (page: BrowserResponse) => /<html lang="([^"]+)">/.exec(page.body)?.[1];
const buttonLabels = (page: BrowserResponse) => parseForms(page.body, page.url).flatMap((form) => form.buttons.map((button) => button.label));

/** Opens the sign-in experience as a browser whose Accept-Language is `acceptLanguage`. */
async function openWithAcceptLanguage(browser: Browser, url: string, acceptLanguage: string): Promise<BrowserResponse> {
  const headers = { 'accept-language': acceptLanguage };
  let page = await browser.request(url, { headers });
  while (page.status >= 300 && page.status < 400 && page.location?.startsWith(emulator.url)) {
    page = await browser.request(page.location, { headers });
  }
  return page;
}

describe('sign-in experience language', () => {
  it('is Japanese when ui_locales asks for it, on every page of the interaction', async () => {
    const browser = newBrowser(emulator);
    const page = await openSignIn(emulator, browser, authorizationRequest(emulator, { extra: { ui_locales: 'ja' } }));
    expect(htmlLang(page)).toBe('ja');
    expect(page.body).toContain('<h1>サインイン</h1>');
    expect([...labels(page.body).values()]).toEqual(['ユーザー名', 'パスワード']);
    expect(buttonLabels(page)).toEqual(['サインイン', 'Feishu で続ける', 'Azure AD で続ける', 'GitLab で続ける', 'キャンセル']);

    const again = await browser.submit(page, 'サインイン', { username: 'alice', password: 'wrong-password' });
    expect(again.status).toBe(400);
    expect(alertText(again.body)).toBe('アカウントまたはパスワードが正しくありません。入力内容を確認してください。');

    const register = await browser.get(page.url.replace(/\/sign-in$/, '/register'));
    expect(htmlLang(register)).toBe('ja');
    expect(register.body).toContain('<h1>アカウントを作成する</h1>');
  });

  it('takes the first supported language of ui_locales', async () => {
    const browser = newBrowser(emulator);
    const page = await openSignIn(emulator, browser, authorizationRequest(emulator, { extra: { ui_locales: 'fr-CA ja-JP en' } }));
    expect(htmlLang(page)).toBe('ja');
  });

  it('follows Accept-Language without ui_locales, and ui_locales over Accept-Language', async () => {
    const japanese = await openWithAcceptLanguage(newBrowser(emulator), authorizationRequest(emulator).url, 'ja,en;q=0.5');
    expect(htmlLang(japanese)).toBe('ja');
    expect(japanese.body).toContain('<h1>サインイン</h1>');

    const english = await openWithAcceptLanguage(
      newBrowser(emulator),
      authorizationRequest(emulator, { extra: { ui_locales: 'en' } }).url,
      'ja',
    );
    expect(htmlLang(english)).toBe('en');
    expect(buttonLabels(english)[0]).toBe('Sign in');
  });

  it('is English by default, with the strings the e2e suite matches', async () => {
    const page = await openSignIn(emulator, newBrowser(emulator), authorizationRequest(emulator));
    expect(htmlLang(page)).toBe('en');
    expect(page.body).toContain('<h1>Sign in</h1>');
  });

  it('says "session not found" in the browser’s language when there is no interaction', async () => {
    const browser = newBrowser(emulator);
    const page = await browser.request(`${emulator.url}/interaction/unknown-uid/sign-in`, { headers: { 'accept-language': 'ja-JP' } });
    expect(page.status).toBe(400);
    expect(htmlLang(page)).toBe('ja');
    expect(alertText(page.body)).toBe('セッションが見つかりません。戻って再度サインインしてください。');
  });
});
