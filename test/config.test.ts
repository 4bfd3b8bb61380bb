// The environment, read through one schema: every bad variable named at once, the README's table the same.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, defaultPoolSize, ENVIRONMENT, loadConfig } from '../src/config.js';

const refusal = (env: NodeJS.ProcessEnv) => {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('accepted');
};

describe('configuration', () => {
  it('has defaults for everything', () => {
    expect(loadConfig({})).toMatchObject({ port: 4000, host: '0.0.0.0', costLimit: 100_000, rateLimitPerMinute: 1_000_000, persistedOperations: 'apq', seedIfEmpty: true });
  });

  it.each([['PORT', ''], ['PORT', '1e3'], ['PORT', '0x10'], ['PORT', '70000'], ['COST_LIMIT', '0'], ['SEED_IF_EMPTY', 'yes'],
    ['REDIS_URL', 'localhost:6379'], ['PERSISTED_OPERATIONS', 'strict'], ['LOG_LEVEL', 'loud'], ['DATABASE_URL', 'mysql://x']])('refuses %s="%s"', (name, value) => {
    expect(refusal({ [name]: value })).toContain(`${name} "${value}"`);
  });

  it('reports every bad variable at once', () => {
    const message = refusal({ PORT: '', DB_WAIT_SECONDS: '-1', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://x' });
    for (const name of ['PORT ""', 'DB_WAIT_SECONDS "-1"', 'LOG_LEVEL "loud"', 'DATABASE_URL "mysql://x"']) expect(message).toContain(name);
    expect(message).toMatch(/4 variables/);
  });

  it('sizes the connection pool by the cores when DB_POOL_SIZE is unset, 2 to 10', () => {
    expect(loadConfig({}).poolSize).toBe(defaultPoolSize());
    expect(loadConfig({ DB_POOL_SIZE: '3' }).poolSize).toBe(3);
    expect([1, 2, 3, 5, 64].map((cores) => defaultPoolSize(cores))).toEqual([2, 4, 6, 10, 10]);
    expect(refusal({ DB_POOL_SIZE: '0' })).toContain('DB_POOL_SIZE "0"');
  });

  it('refuses a rate budget smaller than one operation at the limit', () => {
    expect(refusal({ COST_LIMIT: '5000', RATE_LIMIT_COST_PER_MINUTE: '4000' })).toContain('RATE_LIMIT_COST_PER_MINUTE');
    expect(loadConfig({ COST_LIMIT: '5000', RATE_LIMIT_COST_PER_MINUTE: '0' }).rateLimitPerMinute).toBe(0);
    // A caller without a key has its own, smaller budget: a quarter by default, never below one operation.
    expect(loadConfig({}).anonymousRateLimitPerMinute).toBe(250_000);
    expect(loadConfig({ COST_LIMIT: '5000', RATE_LIMIT_COST_PER_MINUTE: '8000' }).anonymousRateLimitPerMinute).toBe(5_000);
    expect(refusal({ ANONYMOUS_RATE_LIMIT_COST_PER_MINUTE: '2000000' })).toContain('ANONYMOUS_RATE_LIMIT_COST_PER_MINUTE "2000000" must be at least COST_LIMIT');
    expect(refusal({ ANONYMOUS_RATE_LIMIT_COST_PER_MINUTE: '10' })).toContain('a smaller budget, not a larger one');
    // A connection waiting for a running operation must not be closed as stalled.
    expect(refusal({ REQUEST_TIMEOUT_MS: '30000', WRITE_TIMEOUT_MS: '30000' })).toContain('WRITE_TIMEOUT_MS "30000" must be more than REQUEST_TIMEOUT_MS');
    expect(loadConfig({ REQUEST_TIMEOUT_MS: '30000', WRITE_TIMEOUT_MS: '30001' }).writeTimeoutMs).toBe(30_001);
  });

  it('is documented in the README exactly as the schema defines it', () => {
    const readme = readFileSync('README.md', 'utf8');
    const table = readme.slice(readme.indexOf('| variable | default | meaning |'));
    const rows = table.slice(0, table.indexOf('\n\n')).split('\n').slice(2);
    const expected = Object.entries(ENVIRONMENT).map(([name, v]) => `| \`${name}\` | ${v.default === undefined ? 'unset' : `\`${v.default}\``} | ${v.meaning} |`);
    expect(rows).toEqual(expected);
  });
});
