import { defineConfig } from 'vitest/config';

export default defineConfig({
  // graphql ships both .mjs and .js builds; Pothos and Yoga must share the same copy as the tests,
  // or `instanceof` checks fail ("Cannot use GraphQLSchema from another module or realm").
  resolve: { alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }] },
  test: {
    include: ['test/**/*.test.ts'],
    // One migrated and seeded database, dumped; each test database starts from the dump.
    globalSetup: ['test/global-setup.ts'],
    // Each file opens its own in-memory PGlite: a second or more, not milliseconds.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Both cores: the files are independent (each its own in-memory database or server schema), and
    // on a two-core machine the default would run them one at a time.
    maxWorkers: 2,
  },
});
