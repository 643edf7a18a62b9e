import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: [
      { find: '@', replacement: fileURLToPath(new URL('./', import.meta.url)) },
      // `server-only` throws outside a React Server Components bundle; unit tests run plain Node.
      { find: 'server-only', replacement: fileURLToPath(new URL('./lib/test-utils/empty-module.ts', import.meta.url)) },
      // The demo imports the package by name; its unit tests run against lib/'s sources, not a
      // possibly stale lib/dist (next dev, next build and tsc use the built package).
      { find: /^next-logto$/, replacement: fileURLToPath(new URL('./lib/auth/index.ts', import.meta.url)) },
      { find: /^next-logto\/client$/, replacement: fileURLToPath(new URL('./lib/auth/client/index.ts', import.meta.url)) },
      { find: /^next-logto\/oidc$/, replacement: fileURLToPath(new URL('./lib/logto/index.ts', import.meta.url)) },
    ],
  },
  test: {
    include: ['lib/**/*.test.ts', 'emulator/**/*.test.ts', 'app/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    pool: 'forks',
    // Type tests (`*.test-d.ts`, `expectTypeOf`): tsc checks them and what they import, and each
    // error fails the test it sits in. Enabled here, so `vitest run` (`npm run test:unit`) runs them.
    typecheck: {
      enabled: true,
      include: ['lib/**/*.test-d.ts'],
      tsconfig: './tsconfig.type-tests.json',
    },
  },
});
