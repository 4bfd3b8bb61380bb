import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, cpSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/client.js';
import { applyMigrations, MIGRATIONS_DIR, MigrationError } from '../src/db/migrate.js';

const run = promisify(execFile);
const scratch = mkdtempSync(join(tmpdir(), 'migrations-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('migrations', () => {
  it('apply to an empty PGlite, once', async () => {
    const db = await openDatabase({ kind: 'pglite-memory' });
    try {
      const applied = await applyMigrations(db.scripts);
      expect(applied).toContain('20261125000000_init');
      expect(await applyMigrations(db.scripts)).toEqual([]);
      const tables = await db.scripts.query<{ table_name: string }>(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
      );
      expect(tables.map((t) => t.table_name)).toEqual(
        expect.arrayContaining(['Organization', 'Person', 'Incident', 'Citation', 'Source', '_prisma_migrations']),
      );
      expect(await db.prisma.organization.count()).toBe(0);
    } finally {
      await db.close();
    }
  });

  it('enforce what the Prisma schema cannot: one subject per citation, consistent partial dates', async () => {
    const db = await openDatabase({ kind: 'pglite-memory' });
    try {
      await applyMigrations(db.scripts);
      const source = await db.prisma.source.create({ data: { slug: 's', title: 'S', kind: 'NEWS' } });
      await expect(db.prisma.citation.create({ data: { sourceId: source.id, quote: 'q' } })).rejects.toThrow(/Citation_one_subject|check constraint/i);
      await expect(
        db.prisma.organization.create({ data: { slug: 'x', name: 'X', kind: 'GROUP', foundedEarliest: new Date('2017-03-01') } }),
      ).rejects.toThrow(/partial_date|check constraint/i);
      await expect(db.prisma.incident.create({ data: { slug: 'i', title: 'I', kind: 'ATTACK', killedMax: 3 } })).rejects.toThrow(
        /killed_range|check constraint/i,
      );
    } finally {
      await db.close();
    }
  });

  it('begin the history of a database that held data: every row it held is a revision of the migration', async () => {
    const before = join(scratch, 'before-history');
    cpSync(MIGRATIONS_DIR, before, { recursive: true, filter: (path) => !/_revisions(\/|$)/.test(path) });
    const db = await openDatabase({ kind: 'pglite-memory' });
    try {
      await applyMigrations(db.scripts, before);
      const { dataset } = await import('../src/seed/data/index.js');
      const { loadSeed } = await import('../src/seed/load.js');
      await loadSeed(db.prisma, dataset);
      await applyMigrations(db.scripts);
      const [held] = await db.scripts.query<{ n: number }>(`SELECT (SELECT count(*) FROM "Organization") + (SELECT count(*) FROM "Alias") + (SELECT count(*) FROM "Citation") AS n`);
      const revisions = await db.scripts.query<{ actor: string; reason: string; n: number }>(
        `SELECT actor, reason, count(*)::int AS n FROM "Revision" WHERE "recordType" IN ('Organization', 'Alias', 'Citation') GROUP BY 1, 2`,
      );
      expect(revisions).toEqual([{ actor: 'migration', reason: 'the history begins', n: Number(held!.n) }]);
      expect(Number(held!.n)).toBeGreaterThan(300);
    } finally {
      await db.close();
    }
  });

  it('refuse a migration edited after it was applied', async () => {
    const dir = join(scratch, 'edited');
    cpSync(MIGRATIONS_DIR, dir, { recursive: true });
    const db = await openDatabase({ kind: 'pglite-memory' });
    try {
      await applyMigrations(db.scripts, dir);
      appendFileSync(join(dir, '20261125000000_init', 'migration.sql'), '\n-- edited\n');
      await expect(applyMigrations(db.scripts, dir)).rejects.toThrow(MigrationError);
    } finally {
      await db.close();
    }
  });

  it('are recorded as Prisma Migrate records them: `prisma migrate status` agrees', async () => {
    const dataDir = join(scratch, 'pglite');
    const db = await openDatabase({ kind: 'pglite', dataDir });
    await applyMigrations(db.scripts);
    await db.close();
    const { stdout } = await run('npx', ['prisma', 'migrate', 'status'], {
      env: { ...process.env, DATABASE_URL: `file:${dataDir}` },
    });
    expect(stdout).toMatch(/Database schema is up to date/);
  });
});
