// Applies prisma/migrations in process, recording them exactly as `prisma migrate deploy` does
// (same _prisma_migrations table, sha256 checksums), so the CLI and the app agree on what is applied.
// In process because `memory://` databases live only inside the app, and because the CLI needs
// ~9 s per run on PGlite against well under a second here.
import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ScriptRunner } from './client.js';

export const MIGRATIONS_DIR = resolve(fileURLToPath(new URL('../../prisma/migrations', import.meta.url)));

// Prisma Migrate's own bookkeeping table, column for column.
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

export class MigrationError extends Error {}

interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

async function readMigrations(dir: string): Promise<MigrationFile[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    }),
  );
}

/** The names of the migrations this code expects applied, in order. */
export async function migrationNames(dir = MIGRATIONS_DIR): Promise<string[]> {
  return (await readMigrations(dir)).map((m) => m.name);
}

/** Whether every migration of this code is recorded as applied (what `/ready` requires). */
export async function isMigrated(scripts: ScriptRunner, expected: readonly string[]): Promise<boolean> {
  const applied = await scripts.query<{ migration_name: string }>(
    'SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
  );
  const names = new Set(applied.map((row) => row.migration_name));
  return expected.every((name) => names.has(name));
}

/**
 * Applies the pending migrations in order, each in its own transaction; returns their names. One process
 * at a time: two servers or imports started together on a new database both created its types.
 */
export function applyMigrations(scripts: ScriptRunner, dir = MIGRATIONS_DIR): Promise<string[]> {
  return scripts.exclusive('sahel-graph:migrate', () => {}, () => applyPending(scripts, dir));
}

async function applyPending(scripts: ScriptRunner, dir: string): Promise<string[]> {
  await scripts.query(CREATE_MIGRATIONS_TABLE);
  const applied = await scripts.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
    'SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL',
  );
  const byName = new Map(applied.map((row) => [row.migration_name, row]));
  const done: string[] = [];
  for (const migration of await readMigrations(dir)) {
    const previous = byName.get(migration.name);
    if (previous) {
      if (previous.finished_at === null) {
        throw new MigrationError(`Migration ${migration.name} failed earlier; resolve it with \`prisma migrate resolve\`.`);
      }
      if (previous.checksum !== migration.checksum) {
        throw new MigrationError(`Migration ${migration.name} was edited after it was applied (checksum differs).`);
      }
      continue;
    }
    await scripts.runScriptInTransaction(migration.sql, {
      sql: `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
            VALUES ($1, $2, $3, now(), now(), 1)`,
      params: [randomUUID(), migration.checksum, migration.name],
    });
    done.push(migration.name);
  }
  return done;
}
