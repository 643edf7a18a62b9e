import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { logtoErrorMessages, type LogtoErrorCode } from './errors.js';

const lib = dirname(dirname(fileURLToPath(import.meta.url)));

/** The library's source files that can raise an error: no tests, test utilities or dictionaries of codes. */
function raisingFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'test-utils' ? [] : raisingFiles(path);
    const dictionaries = ['logto/errors.ts', 'auth/error-codes.ts'];
    return name.endsWith('.ts') && !name.endsWith('.test.ts') && !dictionaries.includes(relative(lib, path)) ? [path] : [];
  });
}

describe('error codes', () => {
  it('lists only codes the library raises (each is named by a module besides the lists of codes)', () => {
    const source = raisingFiles(lib).map((path) => readFileSync(path, 'utf8')).join('\n');
    const codes = Object.keys(logtoErrorMessages) as LogtoErrorCode[];
    expect(codes.length).toBeGreaterThan(20);
    expect(codes.filter((code) => !source.includes(`'${code}'`))).toEqual([]);
  });
});
