import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: {
      '@': fileURLToPath(new URL('./', import.meta.url)),
      // `server-only` throws outside a React Server Components bundle; unit tests run plain Node.
      'server-only': fileURLToPath(new URL('./lib/test-utils/empty-module.ts', import.meta.url)),
    },
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
