import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

// graphql 16 breaks when two copies load ("another module or realm"): pin one path.
const graphql = createRequire(import.meta.url).resolve('graphql');

export default defineConfig({
  resolve: { alias: { graphql } },
  test: {
    include: ['api/**/*.test.ts', 'e2e/**/*.test.ts', 'tools/**/*.test.ts'],
    globalSetup: ['./support/global-setup.ts'],
    // Generous: browser tests and child processes run on 2 cores beside the server under test.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
