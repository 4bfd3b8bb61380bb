// PGlite in a worker thread, reached through the pg driver over a Unix socket (src/db/pglite-threaded.ts):
// the same answers as PGlite in the server's thread, and one PostgreSQL session that no connection's
// failure leaves in a transaction.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase, type Database } from '../src/db/client.js';
import { openPGlite } from '../src/db/pglite.js';
import { startPGliteThread, type PGliteThread } from '../src/db/pglite-threaded.js';
import { rebuildSearchIndex } from '../src/search/indexer.js';
import { countQueries, createTestDatabase, queryData, type TestDatabase } from './helpers.js';

const scratch = mkdtempSync(join(tmpdir(), 'pglite-thread-'));

/** A data directory holding the seeded test database. */
async function seededDirectory(name: string): Promise<string> {
  const dir = join(scratch, name);
  const db = await openPGlite(dir, new Blob([readFileSync(inject('pgliteDumps').seeded)]));
  await db.close();
  return dir;
}

const QUERIES = {
  organizations: `{ organizations(first: 100) { totalCount edges { cursor node { id slug name kind status founded { iso precision qualifier }
    aliases { name kind language } citations { quote source { slug title } }
    components { slug leaders { title start { iso } person { name aliases { name } } } }
    memberOf { slug } relations { type from { slug } to { slug } } areas { country role } } } } }`,
  persons: `{ persons(first: 100) { edges { node { slug name born { iso } memberships { role organization { slug } } designations { authority } } } } }`,
  incidents: `{ incidents(first: 100, orderBy: DATE_DESC) { edges { node { slug title date { iso precision } killed { min max qualifier }
    perpetrators { attribution organization { name } } citations { quote } } } } }`,
  // Search, through the extensions PGlite loads in the thread (pg_trgm, fuzzystrmatch, unaccent).
  search: `{ search(query: "ansar dinne", first: 5) { matchKind matchedText score entity { __typename ... on Organization { slug } } } }`,
};

describe('PGlite in a worker thread', () => {
  let inProcess: TestDatabase;
  let threaded: Database;
  beforeAll(async () => {
    inProcess = await createTestDatabase();
    threaded = await openDatabase({ kind: 'pglite', dataDir: await seededDirectory('app') }, { pgliteThread: true, logQueries: true });
  });
  afterAll(async () => {
    await Promise.all([inProcess?.close(), threaded?.close()]);
  });

  it('answers every query as PGlite in the server thread does, in as many statements', async () => {
    for (const [name, query] of Object.entries(QUERIES)) {
      const expected = await countQueries(inProcess, () => queryData(inProcess, query));
      const answer = await countQueries(threaded, () => queryData(threaded, query));
      expect(answer.result, name).toEqual(expected.result);
      expect(answer.queries.length, name).toBe(expected.queries.length);
    }
  });

  it('answers concurrent requests, one statement at a time, with the session settings kept after an error', async () => {
    const answers = await Promise.all(Array.from({ length: 24 }, () => queryData(threaded, QUERIES.incidents)));
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    await expect(threaded.scripts.query('SELECT no_such_column FROM "Organization"')).rejects.toThrow(/no_such_column/);
    // The pool replaced its connection after the error; the session is the same one.
    expect(await threaded.scripts.query('SHOW pg_trgm.similarity_threshold')).toEqual([{ 'pg_trgm.similarity_threshold': '0.45' }]);
    expect(await threaded.scripts.query('SHOW random_page_cost')).toEqual([{ random_page_cost: '1.1' }]);
    expect(await inProcess.scripts.query('SHOW random_page_cost')).toEqual([{ random_page_cost: '1.1' }]);
    expect(await threaded.scripts.query('SELECT count(*)::int AS n FROM "Organization"', [], { prepare: true })).toEqual([
      { n: await inProcess.prisma.organization.count() },
    ]);
  });

  it('rolls a failed Prisma transaction back', async () => {
    const before = await threaded.prisma.source.count();
    await expect(
      threaded.prisma.$transaction(async (tx) => {
        await tx.source.create({ data: { slug: 'thread-test', title: 'Written then rolled back', kind: 'REFERENCE' } });
        await tx.$executeRawUnsafe('SELECT 1/0');
      }),
    ).rejects.toThrow(/division by zero/);
    expect(await threaded.prisma.source.count()).toBe(before);
  });
  it('rebuilds the search index through the thread (COPY included) as in the server’s thread', async () => {
    const names = (db: { scripts: Database['scripts'] }) =>
      db.scripts.query(`SELECT "entityType", name, normalized, skeleton, acronym FROM "SearchName" ORDER BY 1, 2, 3, 4, 5`);
    const words = (db: { scripts: Database['scripts'] }) => db.scripts.query(`SELECT word, df FROM "SearchWord" WHERE df <> 0 ORDER BY word`);
    const rebuilt = await rebuildSearchIndex(threaded.scripts, 7);
    expect(rebuilt.names).toBeGreaterThan(50);
    expect(await names(threaded)).toEqual(await names(inProcess));
    expect(await words(threaded)).toEqual(await words(inProcess));
  });

  it('loads rows by COPY in a bulk transaction, and none of a transaction that fails', async () => {
    const line = (slug: string, kind = 'REFERENCE') => `${randomUUID()}\t${slug}\tCopied ${slug}\t${kind}\t2026-12-06T00:00:00Z\n`;
    const columns = ['id', 'slug', 'title', 'kind', 'updatedAt'];
    await threaded.scripts.bulkTransaction(async (tx) => {
      await tx.copy('Source', columns, line('copied-1') + line('copied-2'));
      await tx.copy('Source', columns, line('copied-3'));
    });
    const copied = () => threaded.scripts.query<{ slug: string }>(`SELECT slug FROM "Source" WHERE slug LIKE 'copied-%' ORDER BY slug`);
    expect(await copied()).toEqual([{ slug: 'copied-1' }, { slug: 'copied-2' }, { slug: 'copied-3' }]);
    // A value PostgreSQL refuses, in the second COPY: the first one's rows go too.
    await expect(threaded.scripts.bulkTransaction(async (tx) => {
      await tx.copy('Source', columns, line('copied-4'));
      await tx.copy('Source', columns, line('copied-5', 'NO_SUCH_KIND'));
    })).rejects.toThrow(/invalid input value for enum "SourceKind": "NO_SUCH_KIND"/);
    expect(await copied()).toHaveLength(3);
    expect(await threaded.scripts.query('SELECT 1 AS n')).toEqual([{ n: 1 }]);
  });
});

describe('PGlite in a worker thread, with a statement timeout', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openDatabase({ kind: 'pglite', dataDir: await seededDirectory('timeout') }, { pgliteThread: true, statementTimeoutMs: 100 });
  });
  afterAll(() => db?.close());

  it('gives a statement up 2 s past the timeout (PGlite cannot cancel it), then answers again', async () => {
    const started = performance.now();
    // A timeout the availability check reports as SERVICE_UNAVAILABLE (src/db/availability.ts).
    await expect(db.scripts.query('SELECT pg_sleep(3)')).rejects.toThrow(/Query read timeout/);
    expect(performance.now() - started).toBeLessThan(2_900);
    expect(await db.scripts.query('SELECT 1 AS n')).toEqual([{ n: 1 }]);
  });

  it('runs a bulk transaction’s statements to their end', async () => {
    await expect(db.scripts.bulkTransaction((tx) => tx.query('SELECT pg_sleep(2.5) AS slept'))).resolves.toEqual([{ slept: '' }]);
  });
});

describe('the thread’s socket', () => {
  let thread: PGliteThread;
  beforeAll(async () => {
    thread = await startPGliteThread(await seededDirectory('socket'), 'SET pg_trgm.similarity_threshold = 0.45');
  });
  afterAll(() => thread?.close());

  const connect = async () => {
    const client = new pg.Client({ connectionString: thread.url });
    await client.connect();
    return client;
  };

  it('rolls back the transaction of a connection that ends inside it', async () => {
    const first = await connect();
    first.on('error', () => {});
    await first.query('BEGIN');
    await first.query(`INSERT INTO "Source" (id, slug, title, kind, "updatedAt") VALUES (gen_random_uuid(), 'abandoned', 'Abandoned', 'REFERENCE', now())`);
    // Gone without COMMIT or ROLLBACK, as a crashed client would be.
    first.connection.stream.destroy();
    const second = await connect();
    try {
      expect((await second.query(`SELECT count(*)::int AS n FROM "Source" WHERE slug = 'abandoned'`)).rows).toEqual([{ n: 0 }]);
      // Not inside the other connection's transaction: this one commits on its own.
      await second.query(`INSERT INTO "Source" (id, slug, title, kind, "updatedAt") VALUES (gen_random_uuid(), 'kept', 'Kept', 'REFERENCE', now())`);
    } finally {
      await second.end();
    }
    const third = await connect();
    try {
      expect((await third.query(`SELECT slug FROM "Source" WHERE slug IN ('abandoned', 'kept')`)).rows).toEqual([{ slug: 'kept' }]);
    } finally {
      await third.end();
    }
  });

  it('keeps an open transaction of the current connection when an old one closes', async () => {
    const old = await connect();
    const current = await connect();
    try {
      await current.query('BEGIN');
      await current.query(`INSERT INTO "Source" (id, slug, title, kind, "updatedAt") VALUES (gen_random_uuid(), 'overlapping', 'Overlapping', 'REFERENCE', now())`);
      await old.end();
      await current.query('COMMIT');
      expect((await current.query(`SELECT count(*)::int AS n FROM "Source" WHERE slug = 'overlapping'`)).rows).toEqual([{ n: 1 }]);
    } finally {
      await current.end();
    }
  });

  it('runs no other connection’s statement inside a connection’s transaction', async () => {
    const writer = await connect();
    const reader = await connect();
    try {
      await writer.query('BEGIN');
      await writer.query(`INSERT INTO "Source" (id, slug, title, kind, "updatedAt") VALUES (gen_random_uuid(), 'uncommitted', 'Uncommitted', 'REFERENCE', now())`);
      let settled = false;
      const read = reader.query(`SELECT count(*)::int AS n FROM "Source" WHERE slug = 'uncommitted'`).finally(() => (settled = true));
      await new Promise((resolve) => setTimeout(resolve, 200));
      // It waits for the transaction to end: run inside it, it would see the row.
      expect(settled).toBe(false);
      await writer.query('ROLLBACK');
      expect((await read).rows).toEqual([{ n: 0 }]);
    } finally {
      await Promise.all([writer.end(), reader.end()]);
    }
  });

  it('keeps the session for a COPY until its data has come, and runs none of a COPY its client gave up', async () => {
    const writer = await connect();
    const reader = await connect();
    try {
      const count = async (client: pg.Client) => (await client.query(`SELECT count(*)::int AS n FROM "Source" WHERE slug LIKE 'streamed-%'`)).rows[0].n;
      const stream = writer.query(copyFrom(`COPY "Source" (id, slug, title, kind, "updatedAt") FROM STDIN`));
      const done = new Promise((resolve, reject) => stream.on('finish', resolve).on('error', reject));
      stream.write(`${randomUUID()}\tstreamed-1\tStreamed\tREFERENCE\t2026-12-06T00:00:00Z\n`);
      // The COPY under way (the thread has asked for its data) before the reader asks: sent earlier, the
      // reader's statement would rightly run first.
      while (!(stream as unknown as { _gotCopyInResponse?: boolean })._gotCopyInResponse) await new Promise((resolve) => setTimeout(resolve, 5));
      let settled = false;
      const read = count(reader).finally(() => (settled = true));
      await new Promise((resolve) => setTimeout(resolve, 200));
      // It waits for the COPY to end: run in the middle of its exchange, it would break it.
      expect(settled).toBe(false);
      stream.end(`${randomUUID()}\tstreamed-2\tStreamed\tREFERENCE\t2026-12-06T00:00:00Z\n`);
      await done;
      expect(await read).toBe(2);

      const failing = writer.query(copyFrom(`COPY "Source" (id, slug, title, kind, "updatedAt") FROM STDIN`));
      const failed = new Promise((resolve) => failing.on('error', resolve));
      failing.write(`${randomUUID()}\tstreamed-3\tStreamed\tREFERENCE\t2026-12-06T00:00:00Z\n`);
      // Destroyed before its end: the stream sends CopyFail, and PostgreSQL's answer is an error.
      failing.destroy(new Error('the client gave up'));
      expect(String(await failed)).toMatch(/gave up/);
      expect(await count(writer)).toBe(2);
      expect(await count(reader)).toBe(2);
    } finally {
      await Promise.all([writer.end(), reader.end()]);
    }
  });

  it('gives each connection its own prepared statements, and deallocates them when it closes', async () => {
    const [first, second, observer] = await Promise.all([connect(), connect(), connect()]);
    const prepared = async () =>
      (await observer.query(`SELECT statement FROM pg_prepared_statements WHERE statement LIKE 'SELECT % AS same_name' ORDER BY 1`)).rows.map((r) => r.statement);
    try {
      // The same name on two connections, as pg clients name statements: each has the session to itself.
      expect((await first.query({ name: 'same', text: 'SELECT 1 AS same_name' })).rows).toEqual([{ same_name: 1 }]);
      expect((await second.query({ name: 'same', text: 'SELECT 2 AS same_name' })).rows).toEqual([{ same_name: 2 }]);
      expect((await first.query({ name: 'same', text: 'SELECT 1 AS same_name' })).rows).toEqual([{ same_name: 1 }]);
      expect(await prepared()).toEqual(['SELECT 1 AS same_name', 'SELECT 2 AS same_name']);
      await first.end();
      await expect.poll(prepared).toEqual(['SELECT 2 AS same_name']);
    } finally {
      await Promise.all([second.end(), observer.end()]);
    }
  });

  it('keeps no reply in the thread’s heap once sent', async () => {
    const client = await connect();
    try {
      const before = await thread.memory();
      // 120 replies of 1 MB each: kept (as PGlite's execProtocolRaw keeps what it parses), they would hold 120 MB.
      for (let i = 0; i < 120; i++) {
        const { rows } = await client.query(`SELECT repeat(chr(97 + $1::int % 26), 1000000) AS text`, [i]);
        expect(rows[0].text.length).toBe(1_000_000);
      }
      const after = await thread.memory();
      expect(after.heapUsed - before.heapUsed).toBeLessThan(40_000_000);
      expect(after.wasm).toBeGreaterThan(0);
    } finally {
      await client.end();
    }
  });

  it('drops a connection whose message is not PostgreSQL’s, and serves the next one', async () => {
    const { createConnection } = await import('node:net');
    const host = decodeURIComponent(new URL(thread.url).searchParams.get('host')!);
    const socket = createConnection(join(host, '.s.PGSQL.5432'));
    // A startup message claiming a length of 0: read as a whole message, it would never end.
    socket.write(Buffer.from([0, 0, 0, 0, 0, 3, 0, 0]));
    await new Promise((resolve) => socket.once('close', resolve));
    const next = await connect();
    try {
      expect((await next.query('SELECT 1 AS n')).rows).toEqual([{ n: 1 }]);
    } finally {
      await next.end();
    }
  });

  it('answers an SSL request with no, as a server without SSL does', async () => {
    const client = new pg.Client({ connectionString: thread.url, ssl: { rejectUnauthorized: false } });
    await expect(client.connect()).rejects.toThrow(/does not support SSL/);
  });
});

afterAll(() => rmSync(scratch, { recursive: true, force: true }));
