import { defineConfig } from 'vitest/config';

export default defineConfig({
  // graphql ships both .mjs and .js builds; Pothos and Yoga must share the same copy as the tests,
  // or `instanceof` checks fail ("Cannot use GraphQLSchema from another module or realm").
  resolve: { alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }] },
  test: {
    include: ['test/**/*.test.ts'],
    // Each file opens its own in-memory PGlite, migrates and seeds it: seconds, not milliseconds.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
