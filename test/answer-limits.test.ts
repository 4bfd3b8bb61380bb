// Bounded answers: one answer's bytes, the requests in flight, the bytes held for clients that do not
// read, and connections that stop moving. 200 clients that never read a large answer once took the
// server to 2.4 GB, and held the pool while others got 503 "database unavailable".
import { createServer } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { admissionControl, closeStalledConnections } from '../src/http/answer-limits.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../src/app.js';
import { createApi } from '../src/http/yoga.js';
import { createTestDatabase, type TestDatabase } from './helpers.js';

/** About 540 KB of JSON from the seed: 30 aliased pages of organizations with their citations. */
const LARGE = `{ ${Array.from({ length: 30 }, (_, i) => `a${i}: organizations(first: 100) { edges { node { name summary ideology citations { quote locator source { title publisher description } } } } }`).join(' ')} }`;
const SMALL = '{ organization(slug: "jnim") { name } }';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.close());

async function post(url: string, query: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json', ...headers }, body: JSON.stringify({ query }) });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

describe('one answer', () => {
  it('past MAX_RESPONSE_BYTES is RESPONSE_TOO_LARGE in place of its data; under it, answered whole', async () => {
    const api = createApi({ db, logging: 'error', maxResponseBytes: 100_000 });
    const fetchApi = (query: string, accept = 'application/json') =>
      api.fetch('http://localhost/graphql', { method: 'POST', headers: { 'content-type': 'application/json', accept }, body: JSON.stringify({ query }) });
    const large = (await (await fetchApi(LARGE)).json()) as { data?: unknown; errors: { extensions: Record<string, unknown> }[] };
    expect(large.data).toBeUndefined();
    expect(large.errors[0]!.extensions).toEqual({ code: 'RESPONSE_TOO_LARGE', maxBytes: 100_000 });
    expect(((await (await fetchApi(SMALL)).json()) as { data: unknown }).data).toEqual({ organization: { name: expect.any(String) } });
    // An incremental answer ends with the error once its payloads pass the cap.
    const deferred = `{ ${Array.from({ length: 30 }, (_, i) => `a${i}: organizations(first: 100) { edges { node { name ... @defer { summary ideology citations { quote locator source { title publisher description } } } } } }`).join(' ')} }`;
    const multipart = await (await fetchApi(deferred, 'multipart/mixed')).text();
    expect(multipart.length).toBeLessThan(300_000);
    expect(multipart).toContain('"RESPONSE_TOO_LARGE"');
    expect(multipart.trimEnd().endsWith('-----')).toBe(true);
  });
});

/** Sends `query` over a raw connection and never reads the answer; `partial`: sends its headers, not its body. */
function unreadRequest(port: number, query: string, partial = false): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ query });
    const socket = connect(port, '127.0.0.1', () => {
      socket.pause();
      socket.write(`POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nAccept: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${partial ? '' : body}`);
      resolve(socket);
    });
    socket.on('error', () => {});
    socket.once('error', reject);
  });
}

/**
 * Reads what `socket` still has and resolves with its bytes once the server has closed it; rejects if the
 * connection is still open after `ms` (a paused socket sees no close: it is read from now on).
 */
function drained(socket: Socket, ms = 3_000): Promise<number> {
  return new Promise((resolve, reject) => {
    let bytes = 0;
    const timer = setTimeout(() => reject(new Error('the server did not close the connection')), ms);
    socket.on('data', (chunk: Buffer) => (bytes += chunk.length));
    socket.once('close', () => {
      clearTimeout(timer);
      resolve(bytes);
    });
    socket.resume();
  });
}

describe('requests in flight', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp({
      port: 0, host: '127.0.0.1', database: { kind: 'pglite-memory', loadDataDir: await db.dumpDataDir!() }, logLevel: 'silent', seedIfEmpty: true,
      rateLimitPerMinute: 0, responseCacheTtlSeconds: 0, maxConcurrentRequests: 4, requestTimeoutMs: 1_000, writeTimeoutMs: 2_000,
    });
  });
  afterAll(() => app?.stop());

  it('are capped: past MAX_CONCURRENT_REQUESTS, 503 OVERLOADED at once; stalled connections are closed after WRITE_TIMEOUT_MS', { timeout: 30_000 }, async () => {
    const port = Number(new URL(app.url).port);
    // Four clients that send their headers and then nothing: each holds a request in flight.
    const stalled = await Promise.all(Array.from({ length: 4 }, () => unreadRequest(port, SMALL, true)));
    await new Promise((r) => setTimeout(r, 300));
    const refused = await post(app.url, SMALL);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(JSON.parse(refused.text).errors[0].extensions.code).toBe('OVERLOADED');
    // Probes are always answered.
    expect((await fetch(new URL('/health', app.url))).status).toBe(200);
    // The server closes connections that moved no byte for WRITE_TIMEOUT_MS (2 s here), and serves again.
    await new Promise((r) => setTimeout(r, 2_500));
    expect(await Promise.all(stalled.map((socket) => drained(socket)))).toEqual([0, 0, 0, 0]);
    expect((await post(app.url, SMALL)).status).toBe(200);
  });
});

describe('answers not read', () => {
  // An answer the system's socket buffers (a few megabytes on loopback) cannot take waits in this process
  // until its client reads it. A large GraphQL answer is made here by a handler of 8 MB.
  it('are bounded: past MAX_QUEUED_BYTES held for clients that do not read, new requests get 503 until they are closed', { timeout: 30_000 }, async () => {
    const answer = Buffer.alloc(8_000_000, 'x');
    const server = createServer(admissionControl((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': answer.length });
      res.end(answer);
    }, { maxConcurrent: 100, maxQueuedBytes: 20_000_000 }));
    closeStalledConnections(server, 1_500);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    try {
      const stalled = await Promise.all(Array.from({ length: 10 }, () => unreadRequest(port, SMALL)));
      await new Promise((r) => setTimeout(r, 300));
      const refused = await post(`http://127.0.0.1:${port}/graphql`, SMALL);
      expect(refused.status).toBe(503);
      expect(JSON.parse(refused.text).errors[0]).toMatchObject({ message: expect.stringMatching(/not yet read/), extensions: { code: 'OVERLOADED' } });
      // Closed once no byte moved for 1.5 s (Node's socket timer lets a write that moved since the last
      // check run on once: at most twice the timeout); each had received only what the socket buffers took.
      await new Promise((r) => setTimeout(r, 3_500));
      for (const bytes of await Promise.all(stalled.map((socket) => drained(socket)))) expect(bytes).toBeLessThan(answer.length);
      const served = await fetch(`http://127.0.0.1:${port}/graphql`, { method: 'POST', body: '{}' });
      expect(served.status).toBe(200);
      expect((await served.arrayBuffer()).byteLength).toBe(answer.length);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
