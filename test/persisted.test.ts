// Persisted operations as Apollo's clients send them: automatic (hash, PERSISTED_QUERY_NOT_FOUND, then
// hash and query once), and strict (PERSISTED_OPERATIONS=only: the SDK's manifest and nothing else).
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, GraphQLRequestError } from '../examples/sdk/src/client.js';
import { CoalitionComponentsDocument } from '../examples/sdk/src/generated/graphql.js';
import { APQ_MAX_QUERY_LENGTH, APQ_PER_CLIENT_PER_MINUTE, readManifest, sha256 } from '../src/http/persisted.js';
import { createApi, type Api } from '../src/http/yoga.js';
import { createTestApi, createTestDatabase, type TestDatabase } from './helpers.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.close());

/** Posts as the client at `from` (an address). */
async function post(api: Api, payload: object, from = '192.0.2.1') {
  const response = await api.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(payload),
  }, { req: { socket: { remoteAddress: from } } });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

const QUERY = '{ organization(slug: "jnim") { slug } }';
const persisted = (query: string) => ({ persistedQuery: { version: 1, sha256Hash: sha256(query) } });
const fetchFrom = (api: Api) => async (url: string, init: RequestInit) => api.fetch(url, init);

describe('automatic persisted queries (default)', () => {
  it('asks for an unknown hash, registers it with its query, then serves the hash alone', async () => {
    const api = createTestApi(db);
    const unknown = await post(api, { extensions: persisted(QUERY) });
    expect(unknown.body.errors[0]).toMatchObject({ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } });
    const registered = await post(api, { query: QUERY, extensions: persisted(QUERY) });
    expect(registered.body.data).toEqual({ organization: { slug: 'jnim' } });
    const known = await post(api, { extensions: persisted(QUERY) });
    expect(known.body.data).toEqual({ organization: { slug: 'jnim' } });
  });

  it('refuses a query whose hash is not its own', async () => {
    const { status, body } = await post(createTestApi(db), { query: QUERY, extensions: persisted('{ __typename }') });
    expect(status).toBe(400);
    expect(body.errors[0]).toMatchObject({ message: 'provided sha does not match query', extensions: { code: 'BAD_USER_INPUT' } });
    const after = await post(createTestApi(db), { extensions: persisted('{ __typename }') });
    expect(after.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('does not keep a query longer than any the API runs: it is answered, its hash stays unknown', async () => {
    const api = createTestApi(db);
    const long = `{ organization(slug: "jnim") { slug } }${' '.repeat(APQ_MAX_QUERY_LENGTH)}`;
    const answered = await post(api, { query: long, extensions: persisted(long) });
    expect(answered.body.data).toEqual({ organization: { slug: 'jnim' } });
    const unknown = await post(api, { extensions: persisted(long) });
    expect(unknown.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  // Registration was free: 20,000 junk registrations evicted a legitimate one.
  it('registers nothing for an operation refused before it ran (cost, bad argument)', async () => {
    const api = createTestApi(db);
    const costly = `{ organizations(first: 100) { edges { node { incidents(first: 100) { edges { node { perpetrators { organization { incidents(first: 100) { totalCount } } } } } } } } } }`;
    const refused = await post(api, { query: costly, extensions: persisted(costly) });
    expect(refused.body.errors[0].extensions.code).toBe('QUERY_TOO_COSTLY');
    expect((await post(api, { extensions: persisted(costly) })).body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const bad = '{ organizations(first: -1) { totalCount } }';
    expect((await post(api, { query: bad, extensions: persisted(bad) })).body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect((await post(api, { extensions: persisted(bad) })).body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it(`registers at most ${APQ_PER_CLIENT_PER_MINUTE} queries a client a minute; past them, queries run and are not kept`, async () => {
    const api = createTestApi(db);
    const query = (i: number) => `{ organization(slug: "jnim") { slug } n${i}: __typename }`;
    for (let i = 0; i < APQ_PER_CLIENT_PER_MINUTE; i++) expect((await post(api, { query: query(i), extensions: persisted(query(i)) }, '192.0.2.9')).body.data).toBeDefined();
    const over = query(APQ_PER_CLIENT_PER_MINUTE);
    expect((await post(api, { query: over, extensions: persisted(over) }, '192.0.2.9')).body.data).toBeDefined();
    expect((await post(api, { extensions: persisted(over) }, '192.0.2.9')).body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect((await post(api, { extensions: persisted(query(0)) }, '192.0.2.9')).body.data).toBeDefined();
    // Another client registers its own.
    expect((await post(api, { query: over, extensions: persisted(over) }, '192.0.2.10')).body.data).toBeDefined();
    expect((await post(api, { extensions: persisted(over) }, '192.0.2.10')).body.data).toBeDefined();
  });

  it('never evicts the manifest\'s operations, however many queries clients register', async () => {
    const manifest = readManifest('examples/sdk/persisted-operations.json');
    // A store of 20 here (5,000 by default), filled many times over by 30 clients.
    const api = createApi({ db, logging: 'error', persisted: { mode: 'apq', manifest, maxEntries: 20 } });
    const junk = (i: number) => `{ j${i}: __typename }`;
    for (let client = 0; client < 30; client++) {
      for (let i = 0; i < 10; i++) await post(api, { query: junk(client * 10 + i), extensions: persisted(junk(client * 10 + i)) }, `198.51.100.${client}`);
    }
    // The first junk was evicted; every operation of the manifest is served by its hash alone.
    expect((await post(api, { extensions: persisted(junk(0)) })).body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const [hash, document] = [...manifest].find(([, d]) => d.includes('CoalitionComponents'))!;
    expect(document).toContain('$slug');
    const served = await post(api, { extensions: { persistedQuery: { version: 1, sha256Hash: hash } }, variables: { slug: 'jnim' } });
    expect(served.body.errors).toBeUndefined();
    expect(served.body.data.organization.components.length).toBeGreaterThan(0);
  });

  it('works with the SDK client sending hashes, as Apollo\'s persisted-query link does', async () => {
    const request = createClient('http://localhost/graphql', fetchFrom(createTestApi(db)), { persisted: true });
    const data = await request(CoalitionComponentsDocument, { slug: 'jnim' });
    expect(data.organization?.components.length).toBeGreaterThan(0);
  });
});

describe('PERSISTED_OPERATIONS=only', () => {
  const manifest = readManifest('examples/sdk/persisted-operations.json');
  const strict = () => createApi({ db, logging: 'error', persisted: { mode: 'only', manifest } });

  it('serves the SDK operations of the manifest by hash', async () => {
    expect(manifest.size).toBeGreaterThanOrEqual(4);
    const request = createClient('http://localhost/graphql', fetchFrom(strict()), { persisted: true });
    const data = await request(CoalitionComponentsDocument, { slug: 'jnim' });
    expect(data.organization?.components.length).toBeGreaterThan(0);
  });

  it('refuses any other document, and unknown hashes, with stable codes', async () => {
    const other = await post(strict(), { query: QUERY });
    expect(other.status).toBe(403);
    expect(other.body.data).toBeUndefined();
    expect(other.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_ONLY');
    const unknown = await post(strict(), { extensions: persisted(QUERY) });
    expect(unknown.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    // Registering is not possible either: the client's fallback with the query is refused.
    const request = createClient('http://localhost/graphql', fetchFrom(strict()), { persisted: true });
    const error = await request(parse(QUERY)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphQLRequestError);
    expect((error as GraphQLRequestError).errors[0]?.extensions?.code).toBe('PERSISTED_QUERY_ONLY');
  });

  it('serves no GraphiQL, whose operations it would refuse', async () => {
    const page = await strict().fetch('http://localhost/graphql', { headers: { accept: 'text/html' } });
    expect(await page.text()).not.toContain('JnimComponents');
    const open = await createTestApi(db).fetch('http://localhost/graphql', { headers: { accept: 'text/html' } });
    expect(await open.text()).toContain('JnimComponents');
  });

  it('refuses a manifest whose hashes are not those of its documents', async () => {
    const { writeFileSync, mkdtempSync } = await import('node:fs');
    const path = `${mkdtempSync('/tmp/manifest-')}/m.json`;
    writeFileSync(path, JSON.stringify({ [sha256('{ a }')]: '{ b }' }));
    expect(() => readManifest(path)).toThrow(/not the hash of its document/);
  });
});
