import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  test: {
    root: fileURLToPath(new URL('..', import.meta.url)),
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/setup.ts'],
    exclude: ['tests/bench/**', 'node_modules/**'],
    clearMocks: true,
    restoreMocks: true,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Spawned-CLI tests are mostly waiting on child processes; two workers fit a 2-core machine.
    maxWorkers: 2,
  },
});
