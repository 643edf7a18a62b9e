import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/**
 * The Chromium to run: `PLAYWRIGHT_CHROMIUM_EXECUTABLE` if set, Playwright's own if installed,
 * else Debian's. With none, fail with a message that says how to get one.
 */
export function chromiumExecutable(): string | undefined {
  const fromEnv = process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`PLAYWRIGHT_CHROMIUM_EXECUTABLE points to ${fromEnv}, which does not exist.`);
    return fromEnv;
  }
  try {
    if (existsSync(chromium.executablePath())) return undefined; // Playwright's own browser
  } catch {
    // No Playwright browser registry entry: fall through to the system browser.
  }
  if (existsSync(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
  throw new Error(
    'No Chromium found for the end-to-end tests. Install one of:\n' +
      '  npx playwright install chromium        (Playwright’s own build)\n' +
      '  sudo apt-get install chromium          (Debian/Ubuntu; found at /usr/bin/chromium)\n' +
      'or set PLAYWRIGHT_CHROMIUM_EXECUTABLE to a Chromium or Chrome binary.',
  );
}
