// What operators see: a JSON line per request with its id, operation, duration, cost and status (never
// the variables), the id returned to the client, and Prometheus metrics.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonLogger } from '../src/observability.js';
import { createApi, type Api } from '../src/yoga.js';
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
    expect(text).toMatch(/graphql_envelop_request\{[^}]*operationName="Named"[^}]*\} 1/);
    expect(text).toContain('graphql_envelop_request_duration_bucket');
    expect(text).toMatch(/sahel_graphql_errors_total\{code="BAD_USER_INPUT"\} 1/);
    expect(text).toContain('sahel_graphql_operation_cost_count');
  });
});
