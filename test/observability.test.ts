// What operators see: a JSON line per request with its id, operation, duration, cost and status (never
// the variables), the id returned to the client, and Prometheus metrics.
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createResponseCache } from '../src/http/response-cache.js';
import { ANONYMOUS_OPERATION, jsonLogger, MAX_OPERATION_NAMES, OTHER_OPERATION } from '../src/http/observability.js';
import { createApi, type Api } from '../src/http/yoga.js';
import { createTestDatabase, type TestDatabase } from './helpers.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.close());

function logged() {
  const lines: Record<string, any>[] = [];
  const logger = jsonLogger('info', { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { lines, api: createApi({ db, logging: logger }) };
}

const post = (api: Api, body: object, headers: Record<string, string> = {}) => api.fetch('http://localhost/graphql', {
  method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json', ...headers }, body: JSON.stringify(body),
});

describe('request logs', () => {
  it('write one JSON line per request: id, operation, duration, cost, status; never the variables', async () => {
    const { lines, api } = logged();
    const response = await post(api, { query: 'query Jnim($slug: String!) { organization(slug: $slug) { name } }', variables: { slug: 'secret-slug-value' } }, { 'x-request-id': 'trace-42' });
    expect(response.headers.get('x-request-id')).toBe('trace-42');
    const line = lines.find((l) => l.msg === 'request')!;
    expect(line).toMatchObject({ requestId: 'trace-42', operation: 'Jnim', status: 200, method: 'POST', path: '/graphql', level: 30 });
    expect(line.cost).toBeGreaterThan(0);
    expect(line.durationMs).toBeGreaterThan(0);
    expect(JSON.stringify(lines)).not.toContain('secret-slug-value');
  });

  it('make up an id when the client sends none or one that is not a plain token, and list error codes', async () => {
    const { lines, api } = logged();
    const response = await post(api, { query: '{ incidents(first: 500) { totalCount } }' }, { 'x-request-id': 'bad id\nwith newline' });
    const id = response.headers.get('x-request-id')!;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines.find((l) => l.msg === 'request')).toMatchObject({ requestId: id, errors: ['BAD_USER_INPUT'] });
  });
});

describe('/metrics', () => {
  it('counts operations by name, their durations and errors by code, in Prometheus text', async () => {
    const { api } = logged();
    await post(api, { query: 'query Named { __typename }' });
    await post(api, { query: '{ incidents(first: 500) { totalCount } }' });
    const response = await api.fetch('http://localhost/metrics');
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toMatch(/graphql_yoga_http_duration_count\{operationName="Named",operationType="query",method="POST",statusCode="200"\} 1/);
    expect(text).toMatch(/graphql_yoga_http_duration_bucket\{le="[^"]+",operationName="\(anonymous\)"/);
    expect(text).toMatch(/sahel_graphql_errors_total\{code="BAD_USER_INPUT"\} 1/);
    expect(text).toContain('sahel_graphql_operation_cost_count');
  });

  it('keeps a bounded number of series whatever names and URLs clients send', async () => {
    const { api } = logged();
    const names = Array.from({ length: MAX_OPERATION_NAMES + 5 }, (_, i) => `Op${i}`);
    for (const name of names) await post(api, { query: `query ${name} { __typename }` });
    await post(api, { query: `query ${'L'.repeat(500)} { __typename }` });
    for (const marker of ['a1', 'b2', 'c3']) {
      const response = await api.fetch(`http://localhost/graphql?query=%7B__typename%7D&marker=${marker}`, { headers: { accept: 'application/json', 'graphql-preflight': '1' } });
      expect(response.status).toBe(200);
    }
    const text = await (await api.fetch('http://localhost/metrics')).text();
    const counted = [...text.matchAll(/graphql_yoga_http_duration_count\{operationName="([^"]*)"[^}]*\} (\d+)/g)];
    const byName = new Map<string, number>();
    for (const [, name, count] of counted) byName.set(name!, (byName.get(name!) ?? 0) + Number(count));
    expect(byName.get('Op0')).toBe(1);
    expect(byName.get(`Op${MAX_OPERATION_NAMES - 1}`)).toBe(1);
    expect(byName.has(`Op${MAX_OPERATION_NAMES}`)).toBe(false);
    // The five names past the bound, and the name too long to keep.
    expect(byName.get(OTHER_OPERATION)).toBe(6);
    expect(byName.get(ANONYMOUS_OPERATION)).toBe(3);
    expect(byName.size).toBe(MAX_OPERATION_NAMES + 2);
    expect(text).not.toContain('marker=');
    expect(text).not.toContain('L'.repeat(101));
  });
});

describe('/metrics for operators only', () => {
  const counts = (text: string) => {
    const byName = new Map<string, number>();
    for (const [, name, count] of text.matchAll(/graphql_yoga_http_duration_count\{operationName="([^"]*)"[^}]*\} (\d+)/g)) byName.set(name!, (byName.get(name!) ?? 0) + Number(count));
    return byName;
  };

  // 100 junk names sent first once left every later real name counted as "(other)".
  it('keeps a series for the expected operation names, however many junk names came first', async () => {
    const api = createApi({ db, logging: 'error', metrics: { operationNames: ['Dashboard'] } });
    for (let i = 0; i < MAX_OPERATION_NAMES + 20; i++) await post(api, { query: `query Junk${i} { __typename }` });
    await post(api, { query: 'query Dashboard { __typename }' });
    await post(api, { query: 'query JnimComponents { __typename }' });
    await post(api, { query: 'query Unexpected { __typename }' });
    const byName = counts(await (await api.fetch('http://localhost/metrics')).text());
    expect(byName.get('Dashboard')).toBe(1);
    // GraphiQL's example, named in the code: always expected.
    expect(byName.get('JnimComponents')).toBe(1);
    expect(byName.has('Unexpected')).toBe(false);
    expect(byName.get(OTHER_OPERATION)).toBe(21);
  });

  it('answers /metrics only with the token when METRICS_TOKEN is set, and never logs it', async () => {
    const token = 'metrics-token-0123456789';
    const lines: string[] = [];
    const api = createApi({ db, logging: jsonLogger('debug', { write: (line: string) => void lines.push(line) }), metrics: { token } });
    expect((await api.fetch('http://localhost/metrics')).status).toBe(401);
    expect((await api.fetch('http://localhost/metrics', { headers: { authorization: 'Bearer wrong-token-0123456789' } })).status).toBe(401);
    const allowed = await api.fetch('http://localhost/metrics', { headers: { authorization: `Bearer ${token}` } });
    expect(allowed.status).toBe(200);
    expect(await allowed.text()).toContain('graphql_yoga_http_duration');
    expect(lines.join('\n')).not.toContain(token);
  });

  it('moves to a port of its own with METRICS_PORT: 404 on the API\'s port', async () => {
    const app = await startApp({
      port: 0, host: '127.0.0.1', database: { kind: 'pglite-memory', loadDataDir: await db.dumpDataDir!() }, logLevel: 'silent', seedIfEmpty: true,
      metricsPort: await freePort(), metricsToken: 'metrics-token-0123456789',
    });
    try {
      expect((await fetch(new URL('/metrics', app.url))).status).toBe(404);
      expect((await fetch(app.metricsUrl!)).status).toBe(401);
      const scraped = await fetch(app.metricsUrl!, { headers: { authorization: 'Bearer metrics-token-0123456789' } });
      expect(scraped.status).toBe(200);
      expect(await scraped.text()).toContain('sahel_graphql_errors_total');
    } finally {
      await app.stop();
    }
  });

  it('never repeats a METRICS_TOKEN it refuses', () => {
    const short = 'short-secret';
    expect(() => loadConfig({ METRICS_TOKEN: short })).toThrow(/METRICS_TOKEN \(value not shown\) must be at least 16 characters/);
    expect(() => loadConfig({ METRICS_TOKEN: short })).not.toThrow(new RegExp(short));
  });
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('/metrics with the response cache', () => {
  // Answers from the cache were counted as "(anonymous)" and "unknown": found before the document is parsed.
  it('counts an answer from the cache under its operation\'s name and type', async () => {
    const cache = createResponseCache({ ttlSeconds: 60, readVersion: async () => 1 });
    try {
      await cache.refresh();
      const api = createApi({ db, logging: 'error', responseCache: cache });
      for (let i = 0; i < 3; i++) await post(api, { query: 'query Cached { organization(slug: "jnim") { name } }' });
      const text = await (await api.fetch('http://localhost/metrics')).text();
      expect(text).toMatch(/graphql_yoga_http_duration_count\{operationName="Cached",operationType="query",method="POST",statusCode="200"\} 3/);
      expect(text).toMatch(/sahel_response_cache_total\{result="hit"\} 2/);
    } finally {
      cache.close();
    }
  });

  it('reports the process\'s own metrics from a running server', async () => {
    const app = await startApp({ port: 0, host: '127.0.0.1', database: { kind: 'pglite-memory', loadDataDir: await db.dumpDataDir!() }, logLevel: 'silent', seedIfEmpty: true });
    try {
      const text = await (await fetch(new URL('/metrics', app.url))).text();
      expect(text).toContain('sahel_process_resident_memory_bytes');
      expect(text).toContain('sahel_nodejs_eventloop_lag_seconds');
    } finally {
      await app.stop();
    }
  });
});
