// `npm start` as a new user runs it: the server process, its environment, its log, its data directory.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDatabaseUrl } from '../src/config.js';

interface Started {
  url: string;
  log: () => string;
  stop: () => Promise<number | null>;
}

function startServer(env: Record<string, string>): Promise<Started> {
  const child = spawn('node', ['--import', 'tsx', 'src/main.ts'], {
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /GraphiQL at (http:\/\/[^\s"]+)/.exec(output);
      if (match) {
        resolve({
          url: match[1]!,
          log: () => output,
          stop: () => {
            child.kill('SIGTERM');
            return exited;
          },
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => reject(new Error(`server exited (${code}) before listening:\n${output}`)));
  });
}

function runToExit(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawn('node', ['--import', 'tsx', 'src/main.ts'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, output })));
}

async function organizationCount(url: string): Promise<number> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ organizations { totalCount } }' }),
  });
  const body = (await response.json()) as { data: { organizations: { totalCount: number } } };
  return body.data.organizations.totalCount;
}

describe('starting the server', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'startup-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('creates, migrates and seeds the embedded database, and a second start reuses it', async () => {
    const env = { DATABASE_URL: `file:${join(scratch, 'pglite')}` };
    const first = await startServer(env);
    const count = await organizationCount(first.url);
    expect(count).toBeGreaterThanOrEqual(12);
    expect(first.log()).toMatch(/Seeded \d+ organizations/);
    expect(await first.stop()).toBe(0);

    const second = await startServer(env);
    expect(await organizationCount(second.url)).toBe(count);
    expect(second.log()).not.toMatch(/Seeded|Applied \d+ migration/);
    expect(await second.stop()).toBe(0);
  });

  it('refuses an unknown DATABASE_URL with one line naming the accepted forms, exit code 1', async () => {
    const { code, output } = await runToExit({ DATABASE_URL: 'mysql://root@localhost/test' });
    expect(code).toBe(1);
    expect(output.trim().split('\n')).toHaveLength(1);
    expect(output).toContain('DATABASE_URL "mysql://root@localhost/test" is not accepted');
    expect(output).toContain('memory://');
  });

  it('refuses strict persisted operations without a usable manifest, before opening the database, in one line', async () => {
    const { code, output } = await runToExit({ PERSISTED_OPERATIONS: 'only', PERSISTED_OPERATIONS_MANIFEST: join(scratch, 'missing.json'), DATABASE_URL: 'memory://', PORT: '0' });
    expect(code).toBe(1);
    expect(output.trim().split('\n')).toHaveLength(1);
    expect(output).toContain('PERSISTED_OPERATIONS=only: the manifest');
  });

  it('refuses a bad PORT', async () => {
    const { code, output } = await runToExit({ PORT: 'eighty', DATABASE_URL: 'memory://' });
    expect(code).toBe(1);
    expect(output).toContain('PORT "eighty"');
  });
});

describe('DATABASE_URL', () => {
  it('accepts the four documented forms', () => {
    expect(parseDatabaseUrl(undefined)).toEqual({ kind: 'pglite', dataDir: './data/pglite' });
    expect(parseDatabaseUrl('file:./tmp/db')).toEqual({ kind: 'pglite', dataDir: './tmp/db' });
    expect(parseDatabaseUrl('file:///var/lib/sahel')).toEqual({ kind: 'pglite', dataDir: '/var/lib/sahel' });
    expect(parseDatabaseUrl('memory://')).toEqual({ kind: 'pglite-memory' });
    expect(parseDatabaseUrl('postgresql://u@h:5432/db')).toEqual({ kind: 'postgres', url: 'postgresql://u@h:5432/db' });
    expect(() => parseDatabaseUrl('file:')).toThrow(/not accepted/);
  });
});
