// The server as a browser and a client see it: GraphiQL offline, JSON over HTTP.
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi, EXAMPLE_QUERY } from '../src/http/yoga.js';
import { createTestApi, createTestDatabase, postQuery, type TestDatabase } from './helpers.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.close());

describe('HTTP', () => {
  it('serves GraphiQL from /graphql, self-contained, opening on the JNIM example', async () => {
    const response = await createTestApi(db).fetch('http://localhost/graphql', { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('JnimComponents');
    // No script or stylesheet fetched from elsewhere: it must work with no internet access.
    expect(html).not.toMatch(/<script[^>]+src=["']https?:/);
    expect(html).not.toMatch(/<link[^>]+href=["']https?:/);
    expect(html.length).toBeGreaterThan(100_000);
  });

  it('the example query runs and returns components, leaders and citations', async () => {
    const { status, body } = await postQuery(createTestApi(db), EXAMPLE_QUERY);
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const organization = (body.data as { organization: { components: { citations: unknown[] }[] } }).organization;
    expect(organization.components).toHaveLength(4);
    expect(organization.components.every((c) => c.citations.length > 0)).toBe(true);
  });

  // urql's default (GET when the query fits the URL), graphql-request's GET and `curl '<url>?query=...'` send
  // no CSRF header: without cookies there is nothing to forge, and they were refused with 403.
  it('answers GET queries without a CSRF header, as urql, graphql-request and curl send them', async () => {
    const api = createTestApi(db);
    const plain = await api.fetch('http://localhost/graphql?query=%7Borganization(slug%3A%22jnim%22)%7Bslug%7D%7D');
    expect(plain.status).toBe(200);
    expect((await plain.json()).data).toEqual({ organization: { slug: 'jnim' } });
    const urql = await api.fetch('http://localhost/graphql?query=%7B__typename%7D&operationName=&variables=%7B%7D', { headers: { accept: 'application/graphql-response+json, application/json' } });
    expect(urql.status).toBe(200);
    // A GET never runs a mutation (405), whatever it carries.
    expect((await api.fetch(`http://localhost/graphql?query=${encodeURIComponent('mutation { x }')}`)).status).toBe(405);
  });

  it('refuses what a browser sends without a preflight with credentials (a GET with cookies, form content types) unless a CSRF header comes with it', async () => {
    const api = createTestApi(db);
    const get = await api.fetch('http://localhost/graphql?query=%7B__typename%7D', { headers: { accept: 'application/json', cookie: 'session=1' } });
    expect(get.status).toBe(403);
    expect((await get.json()).errors[0].extensions.code).toBe('CSRF_HEADER_REQUIRED');
    const form = await api.fetch('http://localhost/graphql', { method: 'POST', headers: { 'content-type': 'text/plain', accept: 'application/json' }, body: '{"query":"{ __typename }"}' });
    expect(form.status).toBe(403);
    const apollo = await api.fetch('http://localhost/graphql?query=%7B__typename%7D', { headers: { accept: 'application/json', cookie: 'session=1', 'apollo-require-preflight': 'true' } });
    expect(apollo.status).toBe(200);
  });

  it('lets any origin read without credentials, and only configured origins with them', async () => {
    const open = await createTestApi(db).fetch('http://localhost/graphql', {
      method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(open.headers.get('access-control-allow-credentials')).not.toBe('true');
    const configured = createApi({ db, logging: 'error', corsOrigins: ['https://app.example.org', 'https://admin.example.org'] });
    const allowed = await configured.fetch('http://localhost/graphql', { method: 'OPTIONS', headers: { origin: 'https://app.example.org', 'access-control-request-method': 'POST' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example.org');
    expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
    const other = await configured.fetch('http://localhost/graphql', { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(other.headers.get('access-control-allow-origin')).not.toBe('https://evil.example');
  });

  it('answers /ready by its path alone: 200 or 503 as the check says, and a check that fails is 503', async () => {
    const ready = async (check: () => Promise<boolean>, url: string) => (await createApi({ db, logging: 'error', ready: check }).fetch(url)).status;
    expect(await ready(async () => true, 'http://localhost/ready')).toBe(200);
    expect(await ready(async () => true, 'http://localhost/ready?probe=1')).toBe(200);
    expect(await ready(async () => false, 'http://localhost/ready')).toBe(503);
    expect(await ready(() => Promise.reject(new Error('database gone')), 'http://localhost/ready')).toBe(503);
    // A GraphQL request whose URL merely ends in "/ready" is answered as GraphQL.
    const response = await createApi({ db, logging: 'error', ready: async () => false })
      .fetch('http://localhost/graphql?query=%7B__typename%7D&next=/ready', { headers: { accept: 'application/json', 'x-graphql-yoga-csrf': '1' } });
    expect(response.status).toBe(200);
    expect((await response.json()).data).toEqual({ __typename: 'Query' });
  });

  it('answers /health by its path alone, and a GraphQL request whose URL ends in "/health" as GraphQL', async () => {
    const api = createApi({ db, logging: 'error', ready: async () => false });
    expect((await api.fetch('http://localhost/health')).status).toBe(200);
    expect((await api.fetch('http://localhost/health?probe=1')).status).toBe(200);
    expect((await api.fetch('http://localhost/anything/health')).status).toBe(404);
    const response = await api.fetch('http://localhost/graphql?query=%7B__typename%7D&next=/health', { headers: { accept: 'application/json', 'x-graphql-yoga-csrf': '1' } });
    expect(response.status).toBe(200);
    expect((await response.json()).data).toEqual({ __typename: 'Query' });
  });

  it('answers introspection unless it is switched off', async () => {
    const query = '{ __schema { queryType { name } } }';
    expect((await postQuery(createTestApi(db), query)).body.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    const closed = await postQuery(createApi({ db, logging: 'error', introspection: false }), query);
    expect(closed.body.data).toBeUndefined();
    expect(closed.body.errors?.[0]?.message).toMatch(/introspection/i);
  });
});

describe('transport', () => {
  it('compresses large answers as the client accepts (brotli, else gzip), and leaves small ones alone', async () => {
    const api = createTestApi(db);
    const big = JSON.stringify({ query: '{ organizations(first: 50) { edges { node { name aliases { name } citations { quote } } } } }' });
    const br = await api.fetch('http://localhost/graphql', { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json', 'accept-encoding': 'gzip, br' }, body: big });
    expect(br.headers.get('content-encoding')).toBe('br');
    const gz = await api.fetch('http://localhost/graphql', { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json', 'accept-encoding': 'gzip' }, body: big });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    const raw = Buffer.from(await gz.arrayBuffer());
    const { gunzipSync } = await import('node:zlib');
    expect(JSON.parse(gunzipSync(raw).toString()).data.organizations.edges.length).toBeGreaterThan(10);
    expect(raw.length).toBeLessThan(Number(gunzipSync(raw).length) / 3);
    const small = await api.fetch('http://localhost/graphql', { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json', 'accept-encoding': 'br' }, body: JSON.stringify({ query: '{ __typename }' }) });
    expect(small.headers.get('content-encoding')).toBeNull();
    expect(small.headers.get('x-request-id')).toBeTruthy();
  });

  it('over a socket: reads a body by its Content-Length, refuses a chunked one (411) and one declared over 2 MB (413)', async () => {
    const server = createServer(createTestApi(db));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const post = (headers: Record<string, string>, chunks: string[]) => new Promise<{ status: number; body: any }>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '/graphql', method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json', ...headers } }, (response) => {
        let text = '';
        response.on('data', (d) => (text += d));
        response.on('end', () => resolve({ status: response.statusCode!, body: JSON.parse(text) }));
      }).on('error', reject);
      for (const chunk of chunks) req.write(chunk);
      req.end();
    });
    const query = JSON.stringify({ query: '{ organization(slug: "jnim") { slug } }' });
    try {
      expect(await post({ 'content-length': String(Buffer.byteLength(query)) }, [query])).toEqual({ status: 200, body: expect.objectContaining({ data: { organization: { slug: 'jnim' } } }) });
      const chunked = await post({ 'transfer-encoding': 'chunked' }, [query.slice(0, 10), query.slice(10)]);
      expect(chunked.status).toBe(411);
      expect(chunked.body.errors[0].extensions.code).toBe('LENGTH_REQUIRED');
      const declared = await post({ 'content-length': String(3 * 1024 * 1024) }, [query]);
      expect(declared.status).toBe(413);
      expect(declared.body.errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('serves the GraphiQL page compressed, with an ETag and Cache-Control, and 304 when the browser has it', async () => {
    const api = createTestApi(db);
    const page = await api.fetch('http://localhost/graphql', { headers: { accept: 'text/html', 'accept-encoding': 'br' } });
    expect(page.headers.get('content-encoding')).toBe('br');
    expect(page.headers.get('cache-control')).toBe('public, max-age=3600');
    const size = (await page.arrayBuffer()).byteLength;
    expect(size).toBeLessThan(3_000_000);
    const etag = page.headers.get('etag')!;
    expect(etag).toMatch(/^"[0-9a-f]+-br"$/);
    const again = await api.fetch('http://localhost/graphql', { headers: { accept: 'text/html', 'accept-encoding': 'br', 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    expect(again.headers.get('cache-control')).toBe('public, max-age=3600');
    // Each encoding is its own representation, with its own strong tag: the br tag does not match plain bytes.
    const plain = await api.fetch('http://localhost/graphql', { headers: { accept: 'text/html', 'if-none-match': etag } });
    expect(plain.status).toBe(200);
    expect(plain.headers.get('etag')).not.toBe(etag);
    const gzip = await api.fetch('http://localhost/graphql', { headers: { accept: 'text/html', 'accept-encoding': 'gzip' } });
    expect(new Set([etag, plain.headers.get('etag'), gzip.headers.get('etag')]).size).toBe(3);
  });

  it('delivers @defer fragments and @stream lists after the first answer, which carries the cost', async () => {
    const api = createTestApi(db);
    const deferred = await api.fetch('http://localhost/graphql', {
      method: 'POST', headers: { 'content-type': 'application/json', accept: 'multipart/mixed' },
      body: JSON.stringify({ query: '{ organization(slug: "jnim") { name ... @defer { components { slug leaders { person { name } } } } } }' }),
    });
    expect(deferred.headers.get('content-type')).toMatch(/^multipart\/mixed/);
    const parts = (await deferred.text()).split(/\r?\n/).filter((line) => line.startsWith('{')).map((line) => JSON.parse(line));
    expect(parts[0]).toMatchObject({ data: { organization: { name: expect.any(String) } }, hasNext: true, extensions: { cost: { requested: expect.any(Number) } } });
    expect(parts[0].data.organization.components).toBeUndefined();
    expect(parts.at(-1).hasNext).toBe(false);
    expect(parts[1].incremental[0].data.components.length).toBe(4);
    const streamed = await api.fetch('http://localhost/graphql', {
      method: 'POST', headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query: '{ organization(slug: "jnim") { aliases @stream(initialCount: 1) { name } } }' }),
    });
    const events = (await streamed.text()).split('\n').filter((line) => line.startsWith('data: {')).map((line) => JSON.parse(line.slice(6)));
    expect(events[0].data.organization.aliases).toHaveLength(1);
    expect(events.flatMap((e) => e.incremental ?? []).length).toBeGreaterThan(1);
  });

  it('refuses @stream and @defer where they cannot apply, however the directive is spelt, and twice alike', async () => {
    const api = createTestApi(db);
    const cases = [
      // @stream on a field that is no list; `@ stream` and `@,stream` are the same directive to the lexer.
      ['{ organization(slug: "jnim") { name @stream } }', /^Stream directive cannot be used on non-list field "name"/],
      ['{ organization(slug: "jnim") { name @ stream } }', /^Stream directive cannot be used on non-list field "name"/],
      ['{ organization(slug: "jnim") { name @,stream } }', /^Stream directive cannot be used on non-list field "name"/],
      // Two fields merged into one answer with different @stream arguments.
      ['{ organization(slug: "jnim") { aliases @stream(initialCount: 1) { name } aliases @stream(initialCount: 2) { name } } }', /they have differing stream directives/],
      // Two @defer with one label.
      ['{ organization(slug: "jnim") { ... @defer(label: "a") { name } ... @ defer(label: "a") { slug } } }', /^Defer\/Stream directive label argument must be unique/],
    ] as const;
    for (const [query, message] of cases) {
      // The second run is served from the validation cache (and would be compiled by graphql-jit).
      for (let run = 0; run < 2; run++) {
        const { status, body } = await postQuery(api, query);
        expect(status, query).toBe(200);
        expect(body.errors?.[0]?.message, query).toMatch(message);
        expect(body.data, query).toBeUndefined();
      }
    }
  });

  it('answers a repeated operation the same once it is compiled (graphql-jit, from the second run), errors included', async () => {
    const api = createTestApi(db);
    const cases: [string, Record<string, unknown>?][] = [
      [EXAMPLE_QUERY],
      ['query($slug: String!) { organization(slug: $slug) { name aliases { name } components { slug } } }', { slug: 'jnim' }],
      ['{ incidents(first: 5, orderBy: DATE_DESC) { totalCount edges { cursor node { slug date { iso precision } killed { min max qualifier } } } } }'],
      ['{ node(id: "bm90LWFuLWlk") { id } }'],
      ['query($n: Int) { incidents(first: $n) { totalCount } }', { n: 'ten' }],
      ['{ incidents(first: 500) { totalCount } }'],
    ];
    for (const [query, variables] of cases) {
      const runs = [];
      for (let i = 0; i < 3; i++) {
        const { status, body } = await postQuery(api, query, variables);
        // The same data, status and codes; graphql-jit words a variable's type error a little differently.
        runs.push(JSON.stringify({ status, data: body.data, codes: body.errors?.map((e) => [e.extensions?.code, e.path]) }));
      }
      expect(runs[1]).toBe(runs[0]);
      expect(runs[2]).toBe(runs[0]);
    }
  });
});
