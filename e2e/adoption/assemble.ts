import { cpSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../mode';

/** The library as an adopter copies it: everything the public entry `@/lib/auth` needs, and nothing of the demo. */
export const LIBRARY_FILES = ['lib/auth', 'lib/logto', 'lib/config.ts', 'lib/safe-redirect.ts'] as const;

const FIXTURE = path.join(ROOT, 'e2e/adoption/fixture');

/** Tests and their helpers stay behind: an adopter does not ship them. */
const isShipped = (source: string) => path.basename(source) !== 'test-utils' && !source.endsWith('.test.ts');

/**
 * Builds a fresh app folder from the fixture and the library alone. It sits inside the repository
 * so that Node's resolution walks up to the repository's `node_modules`.
 */
export function assembleApp(appDir: string): void {
  rmSync(appDir, { recursive: true, force: true });
  mkdirSync(appDir, { recursive: true });
  cpSync(FIXTURE, appDir, { recursive: true });
  for (const file of LIBRARY_FILES) {
    cpSync(path.join(ROOT, file), path.join(appDir, file), { recursive: true, filter: isShipped });
  }
}
