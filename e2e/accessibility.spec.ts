import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, needsLocalProvider, signedOut, test } from './fixtures';

/**
 * Every page at a phone's and a laptop's width: no WCAG 2.1 A/AA violation axe can find, targets
 * of at least 24×24 CSS px (WCAG 2.2's 2.5.8, axe's `target-size`), and nothing wider than a phone.
 */
const VIEWPORTS = [
  { width: 390, height: 844 },
  { width: 1280, height: 800 },
] as const;

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

type Violations = Awaited<ReturnType<AxeBuilder['analyze']>>['violations'];

const describeViolations = (violations: Violations) =>
  violations
    .map(
      (violation) =>
        `${violation.id} (${violation.impact ?? 'n/a'}): ${violation.help}\n` +
        violation.nodes.map((node) => `    ${node.target.join(' ')}: ${node.failureSummary?.split('\n').join(' ') ?? ''}`).join('\n'),
    )
    .join('\n');

async function expectNoAxeViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  expect(violations.map((violation) => violation.id), describeViolations(violations)).toEqual([]);
  // Tagged WCAG 2.2 AA, so run on its own: every target at least 24×24 CSS px (or spaced so).
  const targets = await new AxeBuilder({ page }).withRules(['target-size']).analyze();
  expect(targets.violations.map((violation) => violation.id), describeViolations(targets.violations)).toEqual([]);
}

/**
 * Elements whose right edge lies beyond the viewport, except inside an element that scrolls
 * horizontally on purpose (`overflow-x: auto | scroll`); and the document's own scroll width.
 */
async function horizontalOverflow(page: Page) {
  return page.evaluate(() => {
    const viewport = document.documentElement.clientWidth;
    const scrollsHorizontally = (element: Element) => ['auto', 'scroll'].includes(getComputedStyle(element).overflowX);
    const describe = (element: Element) => {
      const id = element.id ? `#${element.id}` : '';
      const classes = typeof element.className === 'string' && element.className ? `.${element.className.trim().split(/\s+/).join('.')}` : '';
      return `${element.tagName.toLowerCase()}${id}${classes} "${(element.textContent ?? '').trim().slice(0, 40)}"`;
    };
    const overflowing: string[] = [];
    for (const element of document.body.querySelectorAll('*')) {
      const rect = element.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0 || rect.right <= viewport + 0.5) continue;
      let ancestor = element.parentElement;
      let inScroller = false;
      while (ancestor && ancestor !== document.body) {
        if (scrollsHorizontally(ancestor)) {
          inScroller = true;
          break;
        }
        ancestor = ancestor.parentElement;
      }
      if (!inScroller) overflowing.push(`${describe(element)} ends at ${Math.round(rect.right)} px`);
    }
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, overflowing };
  });
}

/**
 * Interactive elements smaller than 24×24 CSS px, measured directly (axe's `target-size` lets a
 * small target pass when it is spaced from others). Links inline in a sentence are excepted, as
 * WCAG 2.5.8 does.
 */
async function smallTargets(page: Page) {
  return page.evaluate(() => {
    const selector = 'a[href], button, input:not([type="hidden"]), select, textarea, summary, [role="button"], [role="link"], [role="tab"]';
    const small: string[] = [];
    for (const element of document.querySelectorAll<HTMLElement>(selector)) {
      const rect = element.getBoundingClientRect();
      const style = getComputedStyle(element);
      if (rect.width <= 1 || rect.height <= 1 || style.visibility === 'hidden') continue; // not rendered, or screen-reader only
      const inSentence = [...(element.parentElement?.childNodes ?? [])].some(
        (node) => node.nodeType === Node.TEXT_NODE && (node.textContent ?? '').trim() !== '',
      );
      if (element.tagName === 'A' && style.display === 'inline' && inSentence) continue;
      if (rect.width < 24 || rect.height < 24) {
        small.push(`${element.tagName.toLowerCase()} "${(element.textContent ?? '').trim().slice(0, 40)}" ${Math.round(rect.width)}×${Math.round(rect.height)}`);
      }
    }
    return small;
  });
}

async function check(page: Page, width: number) {
  // Fonts and layout settle before measuring.
  await page.evaluate(() => document.fonts.ready);
  await expectNoAxeViolations(page);
  expect(await smallTargets(page), 'targets under 24×24 CSS px').toEqual([]);
  if (width <= 390) {
    const { scrollWidth, innerWidth, overflowing } = await horizontalOverflow(page);
    expect(overflowing, `elements beyond the ${innerWidth} px viewport`).toEqual([]);
    expect(scrollWidth, 'document scroll width').toBeLessThanOrEqual(innerWidth);
  }
}

const DASHBOARD_PAGES = [
  { path: '/protected', heading: 'ID token claims' },
  { path: '/protected/userinfo', heading: 'User info' },
  { path: '/protected/resources', heading: 'API resources' },
  { path: '/protected/organizations', heading: 'Organizations' },
] as const;

for (const viewport of VIEWPORTS) {
  test.describe(`at ${viewport.width}×${viewport.height}`, () => {
    test.use({ viewport });

    test.describe('signed in', () => {
      for (const { path, heading } of DASHBOARD_PAGES) {
        test(`dashboard ${path}`, async ({ page }) => {
          await page.goto(path);
          await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
          // Every tab, the active one too, shows whole: nothing clipped by the tab bar.
          const nav = page.getByRole('navigation', { name: 'Dashboard' });
          await expect(nav.locator('[aria-current="page"]')).toHaveText(heading);
          const navBox = (await nav.boundingBox())!;
          for (const tab of await nav.getByRole('link').all()) {
            const box = (await tab.boundingBox())!;
            expect(box.x, `${await tab.textContent()} starts inside the tab bar`).toBeGreaterThanOrEqual(navBox.x);
            expect(box.x + box.width, `${await tab.textContent()} ends inside the tab bar`).toBeLessThanOrEqual(navBox.x + navBox.width);
          }
          // The header keeps the brand and Sign out on one line.
          const banner = page.getByRole('banner');
          const brand = (await banner.getByRole('link', { name: 'Logto × Next.js' }).boundingBox())!;
          const signOut = (await banner.getByRole('button', { name: 'Sign out' }).boundingBox())!;
          expect(Math.abs(brand.y + brand.height / 2 - (signOut.y + signOut.height / 2)), 'brand and Sign out on one row').toBeLessThan(4);
          expect(brand.height, 'the brand on one line').toBeLessThanOrEqual(44);
          await check(page, viewport.width);
        });
      }

      test('error page', async ({ page }) => {
        await page.goto('/auth/error?code=session.revoked');
        await expect(page.getByRole('link', { name: 'Back to the dashboard' })).toBeVisible();
        await check(page, viewport.width);
      });
    });

    test.describe('signed out', () => {
      test.use(signedOut);

      test('home page', async ({ page }) => {
        await page.goto('/');
        await expect(page.getByRole('heading', { name: 'Get started' })).toBeVisible();
        await check(page, viewport.width);
      });

      test('error page', async ({ page }) => {
        await page.goto('/auth/error?code=session.revoked');
        await expect(page.getByRole('link', { name: 'Try again' })).toBeVisible();
        await check(page, viewport.width);
      });

      const providerPages = [
        { name: 'sign-in', path: '/api/logto/sign-in', heading: 'Sign in' },
        { name: 'register', path: '/api/logto/sign-up', heading: 'Create account' },
        { name: 'email-code', path: '/api/logto/sign-in?first_screen=identifier:sign_in&identifier=email', heading: 'Sign in with email' },
      ] as const;
      for (const { name, path, heading } of providerPages) {
        test(`local provider's ${name} page`, async ({ page }) => {
          needsLocalProvider('these pages are its own; a real Logto serves its own sign-in experience');
          await page.goto(path);
          await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
          await check(page, viewport.width);
        });
      }
    });
  });
}

/** The dashboard in Japanese, at a phone's width only: longer words, the same rules. */
const JAPANESE_DASHBOARD_PAGES = [
  { path: '/protected', heading: 'ID トークンのクレーム' },
  { path: '/protected/userinfo', heading: 'ユーザー情報' },
  { path: '/protected/resources', heading: 'API リソース' },
  { path: '/protected/organizations', heading: '組織' },
] as const;

test.describe('in Japanese at 390×844', () => {
  const viewport = VIEWPORTS[0];
  test.use({ viewport });
  test.beforeEach(async ({ page, baseURL }) => {
    await page.context().addCookies([{ name: 'lang', value: 'ja', url: baseURL! }]);
  });

  for (const { path, heading } of JAPANESE_DASHBOARD_PAGES) {
    test(`dashboard ${path}`, async ({ page }) => {
      await page.goto(path);
      await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
      await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
      await expect(page.getByRole('navigation', { name: 'ダッシュボード' }).locator('[aria-current="page"]')).toHaveText(heading);
      // The header still keeps the brand and Sign out on one row.
      const banner = page.getByRole('banner');
      const brand = (await banner.getByRole('link', { name: 'Logto × Next.js' }).boundingBox())!;
      const signOut = (await banner.getByRole('button', { name: 'サインアウト' }).boundingBox())!;
      expect(Math.abs(brand.y + brand.height / 2 - (signOut.y + signOut.height / 2)), 'brand and Sign out on one row').toBeLessThan(4);
      await check(page, viewport.width);
    });
  }

  test.describe('signed out', () => {
    test.use(signedOut);

    test("local provider's sign-in page", async ({ page }) => {
      needsLocalProvider('this page is its own; a real Logto serves its own sign-in experience');
      await page.goto('/api/logto/sign-in?ui_locales=ja');
      await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
      await expect(page.getByRole('heading', { level: 1, name: 'サインイン' })).toBeVisible();
      await check(page, viewport.width);
    });
  });
});
