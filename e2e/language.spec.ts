import type { Page } from '@playwright/test';
import { expect, signedInClaims, signedOut, test } from './fixtures';
import { isRealLogto } from './identities';
import { appUrl } from './provider';

/** What the demo shows in each language (app/_i18n/en.ts and ja.ts). */
const HOME_HEADING = { en: 'Get started', ja: 'はじめる' } as const;
const CLAIMS_HEADING = { en: 'ID token claims', ja: 'ID トークンのクレーム' } as const;

/** How the claims table formats a date in Japanese (app/_components/format.ts). */
const japaneseDate = (epochMs: number) =>
  `${new Intl.DateTimeFormat('ja-JP', { dateStyle: 'long', timeStyle: 'medium', timeZone: 'UTC' }).format(epochMs)} UTC`;

async function chooseJapanese(page: Page) {
  await page.context().addCookies([{ name: 'lang', value: 'ja', url: appUrl() }]);
}

const languageCookie = async (page: Page) => (await page.context().cookies(appUrl())).find((cookie) => cookie.name === 'lang');
const languageSwitch = (page: Page) => page.getByRole('banner').getByTestId('language-switch');

test.describe('Japanese by the lang cookie', () => {
  test('the dashboard: headings, tabs, dates and countdowns', async ({ page }) => {
    await chooseJapanese(page);
    await page.goto('/protected');
    await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
    await expect(page.getByRole('heading', { level: 1, name: CLAIMS_HEADING.ja })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'ダッシュボード' }).locator('[aria-current="page"]')).toHaveText(CLAIMS_HEADING.ja);
    await expect(page.getByRole('banner').getByRole('button', { name: 'サインアウト' })).toBeVisible();

    const claims = await signedInClaims(page);
    const table = page.getByRole('table', { name: CLAIMS_HEADING.ja });
    const exp = table.getByRole('row', { name: /^exp\b/ });
    await expect(exp).toContainText(japaneseDate(Number(claims.exp) * 1000));
    await expect(exp).toContainText(/\d{4}年\d{1,2}月\d{1,2}日 \d{1,2}:\d{2}:\d{2} UTC/);
    // Under a minute left (short-lived tokens against a real Logto) it shows seconds only.
    await expect(page.getByText(/^(?:\d+分\d{2}|\d+)秒$/)).toBeVisible();

    await page.goto('/protected/resources');
    await expect(page.getByRole('heading', { level: 1, name: 'API リソース' })).toBeVisible();
    await expect(page.getByText(/有効期限まで (?:\d+分\d{2}|\d+)秒/).first()).toBeVisible();
  });

  test('the error page names the problem in Japanese', async ({ page }) => {
    await chooseJapanese(page);
    await page.goto('/auth/error?code=session.revoked');
    await expect(page.getByRole('heading', { level: 1, name: 'セッションが終了しました' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'ダッシュボードに戻る' })).toBeVisible();
    await expect(page.getByTestId('error-code')).toHaveText('session.revoked');
  });

  test.describe('signed out', () => {
    test.use(signedOut);

    test('the home page', async ({ page }) => {
      await chooseJapanese(page);
      await page.goto('/');
      await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
      await expect(page.getByRole('heading', { name: HOME_HEADING.ja })).toBeVisible();
      await expect(page.getByRole('main').getByRole('link', { name: 'GitLab で続ける' })).toBeVisible();
    });
  });
});

test.describe('Japanese by Accept-Language', () => {
  test.use({ ...signedOut, locale: 'ja-JP' });

  test('the home page follows the browser, and the cookie wins over it', async ({ page }) => {
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
    await expect(page.getByRole('heading', { name: HOME_HEADING.ja })).toBeVisible();

    await page.context().addCookies([{ name: 'lang', value: 'en', url: appUrl() }]);
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { name: HOME_HEADING.en })).toBeVisible();
  });
});

test.describe('the language switch', () => {
  test('switches the dashboard page it is on to Japanese and back, by mouse and by keyboard', async ({ page }) => {
    await page.goto('/protected');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');

    await expect(languageSwitch(page)).toHaveAccessibleName('Language: 日本語');
    await languageSwitch(page).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
    await expect(page.getByRole('heading', { level: 1, name: CLAIMS_HEADING.ja })).toBeVisible();
    await expect(page).toHaveURL(/\/protected$/);

    const cookie = await languageCookie(page);
    expect(cookie).toMatchObject({ value: 'ja', path: '/', sameSite: 'Lax' });
    const oneYear = 365 * 24 * 60 * 60;
    expect(cookie!.expires - Date.now() / 1000).toBeGreaterThan(oneYear - 60);
    expect(cookie!.expires - Date.now() / 1000).toBeLessThanOrEqual(oneYear + 60);

    await expect(languageSwitch(page)).toHaveAccessibleName(/^言語：\s?English$/);
    await languageSwitch(page).focus();
    await page.keyboard.press('Enter');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { level: 1, name: CLAIMS_HEADING.en })).toBeVisible();
    expect((await languageCookie(page))?.value).toBe('en');
  });

  test.describe('signed out', () => {
    test.use(signedOut);

    test('switches the home page, keeping its query', async ({ page }) => {
      await page.goto('/?signed_out=local');
      await languageSwitch(page).click();
      await expect(page.getByRole('heading', { name: HOME_HEADING.ja })).toBeVisible();
      await expect(page).toHaveURL(/\/\?signed_out=local$/);
      await expect(page.getByRole('status')).toContainText('このアプリからサインアウトしました。');
      await languageSwitch(page).click();
      await expect(page.getByRole('heading', { name: HOME_HEADING.en })).toBeVisible();
    });

    test('accepts only en and ja', async ({ page }) => {
      await page.goto('/');
      await page.locator('form:has([data-testid="language-switch"]) input[name="lang"]').evaluate((input: HTMLInputElement) => {
        input.value = 'fr';
      });
      await languageSwitch(page).click();
      // The page is rendered again, still in English, and no cookie was written.
      await expect(page.getByRole('heading', { name: HOME_HEADING.en })).toBeVisible();
      await expect(page.locator('html')).toHaveAttribute('lang', 'en');
      expect(await languageCookie(page)).toBeUndefined();
    });
  });
});

test.describe("the provider's sign-in page", () => {
  test.use(signedOut);

  test('comes in Japanese from the Japanese home page’s Sign in button (ui_locales)', async ({ page }) => {
    await chooseJapanese(page);
    await page.goto('/');
    await page.getByRole('banner').getByRole('link', { name: 'サインイン' }).click();
    // Logto's own page sets <html lang> to the language it chose too (e.g. "ja" or "ja-JP").
    await expect(page.locator('html')).toHaveAttribute('lang', /^ja\b/);
    if (!isRealLogto()) {
      await expect(page.getByRole('heading', { level: 1, name: 'サインイン' })).toBeVisible();
      await expect(page.getByLabel('ユーザー名')).toBeVisible();
      await expect(page.getByRole('button', { name: 'GitLab で続ける' })).toBeVisible();
    }
  });
});
