// Faults an operator meets: a second server on the same PGlite directory, a port already taken, a
// database that is not up yet, one that goes away or freezes while serving, and a shutdown.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../src/app.js';
import { openDatabase } from '../src/db/client.js';
import { DatabaseLockedError, lockDataDirectory } from '../src/db/lock.js';
import { lintDatabase } from '../src/provenance/lint.js';
import { adminQuery, adminUrl, serverPostgresAvailable } from './server-postgres.js';

function runToExit(env: Record<string, string>): Promise<{ code: number | null; output: string; ms: number }> {
  const started = Date.now();
  const child = spawn('node', ['--import', 'tsx', 'src/main.ts'], { env: { ...process.env, LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, output, ms: Date.now() - started })));
}

const scratch = mkdtempSync(join(tmpdir(), 'faults-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('a PGlite directory', () => {
  it('is opened by one process at a time: the second is refused with a clear message, and may open it once released', async () => {
    const dataDir = join(scratch, 'locked');
    const first = await openDatabase({ kind: 'pglite', dataDir });
    try {
      await expect(openDatabase({ kind: 'pglite', dataDir })).rejects.toThrow(DatabaseLockedError);
      const second = await runToExit({ DATABASE_URL: `file:${dataDir}`, PORT: '0' });
      expect(second.code).toBe(1);
      expect(second.output).toContain(`The PGlite database in ${dataDir} is already open in another process`);
      expect(second.output).not.toMatch(/\n\s+at /);
    } finally {
      await first.close();
    }
    const again = await openDatabase({ kind: 'pglite', dataDir });
    await again.close();
  });
});

const UN_EXCERPT = 'src/seed/documents/un_sc_consolidated_2020-11-30_sahel_entries.xml';

/** Starts a command in the background; `exited` resolves with its code and output. */
function background(args: string[], env: Record<string, string>) {
  const child = spawn('node', args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, output })));
  return { child, exited, output: () => output };
}

async function until(condition: () => boolean, ms = 30_000) {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A server started on `dataDir`, or its exit: a server that starts (it should not) is stopped after 20 s. */
async function serverOn(dataDir: string) {
  const server = background(['--import', 'tsx', 'src/main.ts'], { DATABASE_URL: `file:${dataDir}`, PORT: '0', LOG_LEVEL: 'info' });
  const stop = setTimeout(() => server.child.kill('SIGTERM'), 20_000);
  const result = await server.exited;
  clearTimeout(stop);
  return result;
}

describe('a PGlite directory during an import', () => {
  // The lock was kept fresh by a timer on the importer's event loop, which PGlite blocks for seconds: a
  // server started after 10 s took the directory over, and the import's writes were lost though it
  // reported them. A stopped process stands for a blocked event loop here.
  it('is refused to a server started while the importer is blocked past 10 s; the import then completes whole', { timeout: 90_000 }, async () => {
    const dataDir = join(scratch, 'importing');
    const importer = background(['--import', 'tsx', 'src/import/main.ts', 'un-sc', UN_EXCERPT], { DATABASE_URL: `file:${dataDir}` });
    await until(() => existsSync(`${dataDir}.lock`));
    importer.child.kill('SIGSTOP');
    try {
      await new Promise((r) => setTimeout(r, 11_000));
      const server = await serverOn(dataDir);
      expect(server.code, `${server.output}\n---\n${importer.output()}`).toBe(1);
      expect(server.output).toContain(`The PGlite database in ${dataDir} is already open in another process: process ${importer.child.pid} on `);
      expect(server.output).toContain('src/import/main.ts un-sc');
    } finally {
      importer.child.kill('SIGCONT');
    }
    const imported = await importer.exited;
    expect(imported.output).toMatch(/Organization: 5 created/);
    expect(imported.code).toBe(0);
    const created = Number(/Person: (\d+) created/.exec(imported.output)?.[1]);
    const db = await openDatabase({ kind: 'pglite', dataDir });
    try {
      expect(await db.prisma.person.count()).toBe(created);
      expect(await db.prisma.organization.count()).toBe(5);
      // Every record cited, no citation without its record (a torn directory had 946 findings).
      expect(await lintDatabase(db.prisma)).toEqual([]);
    } finally {
      await db.close();
    }
  });

  it('is opened at once after its holder was killed (kill -9), the lock naming a dead process; its socket folder is removed', { timeout: 90_000 }, async () => {
    const dataDir = join(scratch, 'killed');
    const server = background(['--import', 'tsx', 'src/main.ts'], { DATABASE_URL: `file:${dataDir}`, PORT: '0', LOG_LEVEL: 'info' });
    await until(() => server.output().includes('GraphQL API and GraphiQL at'), 60_000);
    const socketDirs = () => readdirSync(tmpdir()).filter((name) => name.startsWith(`pglite-${server.child.pid}-`));
    expect(socketDirs()).toHaveLength(1);
    server.child.kill('SIGKILL');
    await server.exited;
    expect(existsSync(`${dataDir}.lock`)).toBe(true);
    const started = Date.now();
    const again = await openDatabase({ kind: 'pglite', dataDir }, { pgliteThread: true });
    try {
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(await again.prisma.organization.count()).toBeGreaterThan(0);
      expect(socketDirs()).toEqual([]);
    } finally {
      await again.close();
    }
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
  });
});

describe('start-up', () => {
  it('finds a port in use before migrating or seeding anything', async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const { port } = holder.address() as { port: number };
    try {
      const { code, output } = await runToExit({ DATABASE_URL: 'memory://', PORT: String(port), HOST: '127.0.0.1' });
      expect(code).toBe(1);
      expect(output).toContain(`Port ${port} on 127.0.0.1 is already in use`);
      expect(output).not.toMatch(/Applied \d+ migration|Seeded/);
    } finally {
      holder.close();
    }
  });

  it('waits for an unreachable database, saying what for, then gives up in one line', async () => {
    const { code, output, ms } = await runToExit({ DATABASE_URL: 'postgresql://postgres:secret@127.0.0.1:1/test', DB_WAIT_SECONDS: '1', PORT: '0' });
    expect(code).toBe(1);
    expect(output).toContain('Waiting for the database at postgresql://127.0.0.1:1/test (ECONNREFUSED');
    expect(output).toContain('did not answer within 1 s');
    expect(output).not.toContain('secret');
    expect(output).not.toMatch(/\n\s+at /);
    expect(ms).toBeLessThan(15_000);
  });

  // A new directory is prepared by a child process: its refusal (here, the directory's lock is held) is the
  // server's, in one line, and the server does not start.
  it('refuses to prepare a new directory another process holds, in one line', async () => {
    const dataDir = join(scratch, 'new-but-locked');
    const release = await lockDataDirectory(dataDir);
    try {
      const { code, output } = await runToExit({ DATABASE_URL: `file:${dataDir}`, PORT: '0' });
      expect(code).toBe(1);
      expect(output).toContain(`The PGlite database in ${dataDir} is already open in another process: process ${process.pid} on `);
      expect(output).not.toMatch(/\n\s+at /);
    } finally {
      await release();
    }
  });

  it('refuses bad waiting and timeout settings', async () => {
    const { code, output } = await runToExit({ DATABASE_URL: 'memory://', DB_STATEMENT_TIMEOUT_MS: '1e3' });
    expect(code).toBe(1);
    expect(output).toContain('DB_STATEMENT_TIMEOUT_MS "1e3"');
  });
});

/** A TCP proxy to PostgreSQL that the test can stop (an outage) or freeze (a server that stops answering). */
class Proxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private frozen = false;
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  async start(): Promise<void> {
    this.server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('error', () => s.destroy());
        s.on('close', () => this.sockets.delete(s));
      }
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
      // While frozen, bytes are held, not passed: the server seems alive but never answers.
      client.on('data', (data) => (this.frozen ? undefined : upstream.write(data)));
      upstream.on('data', (data) => (this.frozen ? undefined : client.write(data)));
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
    this.server = null;
  }

  freeze(on: boolean): void {
    this.frozen = on;
    // Connections that saw held bytes are out of step: drop them when thawing, as a restarted server would.
    if (!on) for (const s of this.sockets) s.destroy();
  }
}

describe.skipIf(!serverPostgresAvailable)('a server PostgreSQL that goes away while serving', () => {
  const name = `sahel_faults_${randomBytes(4).toString('hex')}`;
  const admin = new URL(adminUrl);
  const proxy = new Proxy({ host: admin.hostname, port: Number(admin.port || 5432) });
  let app: RunningApp;

  const post = async (query = '{ organizations { totalCount } }') => {
    const started = Date.now();
    const response = await fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
    return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] }, ms: Date.now() - started };
  };
  const get = async (path: string) => (await fetch(new URL(path, app.url))).status;

  beforeAll(async () => {
    await adminQuery(`CREATE DATABASE "${name}"`);
    await proxy.start();
    const url = new URL(adminUrl);
    url.port = String(proxy.port);
    url.pathname = `/${name}`;
    app = await startApp({
      port: 0, host: '127.0.0.1', database: { kind: 'postgres', url: url.toString() }, logLevel: 'error', seedIfEmpty: true,
      dbWaitSeconds: 5, statementTimeoutMs: 1_000,
    });
  });
  afterAll(async () => {
    await app?.stop();
    await proxy.stop();
    await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });

  it('answers 503 SERVICE_UNAVAILABLE with Retry-After during the outage, /ready 503, /health 200; serves again after, with no restart', async () => {
    expect((await post()).status).toBe(200);
    expect(await get('/ready')).toBe(200);

    await proxy.stop();
    const during = await post();
    expect(during.status).toBe(503);
    expect(during.retryAfter).toBe('5');
    expect(during.body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect(during.ms).toBeLessThan(6_000);
    expect(await get('/ready')).toBe(503);
    expect(await get('/health')).toBe(200);

    await proxy.start();
    let after = await post();
    for (let i = 0; i < 10 && after.status !== 200; i++) after = await post();
    expect(after.status).toBe(200);
    expect(await get('/ready')).toBe(200);
  });

  // A statement the database cancels for its time was reported as an outage, with Retry-After: clients
  // retried it, and operators looked for an outage that was not there.
  it('a statement the database cancels for running too long is REQUEST_TIMEOUT (504, no Retry-After), not SERVICE_UNAVAILABLE', async () => {
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const locker = new pg.Client({ connectionString: url.toString() });
    await locker.connect();
    try {
      // A statement that waits on a lock runs until the database's statement timeout (1 s here) cancels it.
      await locker.query('BEGIN; LOCK TABLE "Organization" IN ACCESS EXCLUSIVE MODE');
      const slow = await post('{ organizations(first: 3) { totalCount } }');
      expect(slow.status).toBe(504);
      expect(slow.retryAfter).toBeNull();
      expect(slow.body.errors?.[0]?.extensions?.code).toBe('REQUEST_TIMEOUT');
      expect(slow.body.errors?.[0]?.message).toMatch(/ran past its time limit/);
    } finally {
      await locker.query('ROLLBACK');
      await locker.end();
    }
    expect(await get('/ready')).toBe(200);
    expect((await post('{ organizations(first: 3) { totalCount } }')).status).toBe(200);
  });

  // With every connection busy, a request that waited past the connect timeout was logged and answered
  // as "the database is unavailable", though the database answered.
  it('every connection busy past the connect timeout is OVERLOADED (503, Retry-After), not SERVICE_UNAVAILABLE', { timeout: 30_000 }, async () => {
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const busy = await startApp({
      port: 0, host: '127.0.0.1', database: { kind: 'postgres', url: url.toString() }, logLevel: 'silent', seedIfEmpty: false,
      poolSize: 1, statementTimeoutMs: 15_000, requestTimeoutMs: 20_000, writeTimeoutMs: 30_000, responseCacheTtlSeconds: 0,
    });
    const locker = new pg.Client({ connectionString: url.toString() });
    await locker.connect();
    try {
      await locker.query('BEGIN; LOCK TABLE "Organization" IN ACCESS EXCLUSIVE MODE');
      const ask = async () => {
        const response = await fetch(busy.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ organizations(first: 2) { totalCount } }' }) });
        return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as { errors?: { extensions?: { code?: string } }[] } };
      };
      // The first holds the one connection, waiting on the lock; the second waits for the connection.
      const holding = ask();
      await new Promise((r) => setTimeout(r, 300));
      const waiting = await ask();
      expect(waiting.status).toBe(503);
      expect(waiting.retryAfter).toBe('1');
      expect(waiting.body.errors?.[0]?.extensions?.code).toBe('OVERLOADED');
      await locker.query('ROLLBACK');
      expect((await holding).status).toBe(200);
    } finally {
      await locker.end();
      await busy.stop();
    }
  });

  it('a frozen database: requests end with SERVICE_UNAVAILABLE after the statement timeout, not when it thaws', async () => {
    proxy.freeze(true);
    try {
      const frozen = await post();
      expect(frozen.body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
      expect(frozen.ms).toBeLessThan(8_000);
    } finally {
      proxy.freeze(false);
    }
    let after = await post();
    for (let i = 0; i < 10 && after.status !== 200; i++) after = await post();
    expect(after.status).toBe(200);
  });
});
