import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([
    '.next/**',
    'node_modules/**',
    'next-env.d.ts',
    'lib/dist/**',
    'emulator/data/**',
    'e2e/test-results/**',
    'e2e/playwright-report/**',
    'test-results/**',
    'playwright-report/**',
  ]),
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'warn',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // Playwright fixtures call `use()`, which is not React's hook.
    files: ['e2e/**/*.ts'],
    rules: { 'react-hooks/rules-of-hooks': 'off' },
  },
  {
    files: ['lib/logto/**/*.ts'],
    ignores: ['lib/logto/**/*.test.ts', 'lib/logto/test-utils/**'],
    rules: {
      // lib/logto is the runtime-agnostic OIDC core: Web APIs and jose only.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['next', 'next/*'], message: 'lib/logto must not depend on Next.js.' },
            { group: ['node:*'], message: 'lib/logto must run on the Edge runtime: Web APIs only.' },
            { group: ['@/lib/auth/*', '../auth/*'], message: 'lib/logto must not depend on lib/auth.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', { name: 'process', message: 'Pass configuration in explicitly.' }],
    },
  },
]);
