// The dashboard pages as the signed-in demo user sees them.
import { USER } from './demo.mjs';
import { browserRequest, CookieJar } from './http.mjs';

/** Every dashboard page that needs a token, claims page first. */
export const DASHBOARD_PAGES = ['/protected', '/protected/resources', '/protected/organizations', '/protected/organizations/globex000001'];

/** Loads `url` as a browser would; it must answer 200 with `expectText` in the HTML. */
export async function checkPage(url, jar, { expectText }) {
  const { response, text } = await browserRequest(jar ?? new CookieJar(), url);
  if (response.status !== 200 || !text.includes(expectText)) {
    throw new Error(`${url} answered ${response.status}${response.headers.get('location') ? ` → ${response.headers.get('location')}` : ''} without "${expectText}"`);
  }
  return { status: response.status, htmlBytes: Buffer.byteLength(text), html: text };
}

/** The session a user has after visiting every page: 2 API + 2 organization tokens cached. */
export async function visitDashboard(appUrl, jar) {
  for (const page of DASHBOARD_PAGES.slice(1)) await checkPage(`${appUrl}${page}`, jar, { expectText: USER.sub });
}
