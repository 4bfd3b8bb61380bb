// Set-based writes: a batch of rows as one JSON parameter, expanded by PostgreSQL
// (json_populate_recordset) into the table's own column types. Prisma's createMany binds one
// parameter per value and compiles each statement: for thousands of rows it costs seconds where
// this costs tens of milliseconds, on PGlite and server PostgreSQL alike.
import { randomUUID } from 'node:crypto';
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';

type Db = Prisma.TransactionClient | PrismaClient;

/** Tables whose `updatedAt` Prisma sets (@updatedAt has no database default). */
const UPDATED_AT = new Set(['Source', 'Organization', 'Person', 'Incident']);

/** Rows per statement: a few megabytes of JSON at most. */
const CHUNK = 5_000;

/**
 * Rows completed as Prisma would (an `id` when missing, `updatedAt`), grouped by the fields they set:
 * a field a row leaves out must get the column's default, not the NULL json_populate_recordset
 * would give it beside rows that set it.
 */
function groupByFields(table: string, rows: readonly object[], withId: boolean): Map<string, Record<string, unknown>[]> {
  const now = new Date();
  const groups = new Map<string, Record<string, unknown>[]>();
  for (const row of rows) {
    const complete: Record<string, unknown> = { ...(withId ? { id: randomUUID() } : {}), ...(UPDATED_AT.has(table) ? { updatedAt: now } : {}), ...row };
    const key = Object.keys(complete).filter((k) => complete[k] !== undefined).sort().join(',');
    const group = groups.get(key);
    if (group) group.push(complete);
    else groups.set(key, [complete]);
  }
  return groups;
}

const columnList = (key: string) => key.split(',').map((c) => `"${c}"`);

/**
 * Inserts rows (Prisma's createMany input shapes: field names are the column names) into `table`,
 * a statement per 5,000 rows. Rows without an `id` get one, as Prisma's @default(uuid()) would.
 * `table` and the field names come from code, never from input.
 */
export async function insertRows(db: Db, table: string, rows: readonly object[]): Promise<void> {
  for (const [key, group] of groupByFields(table, rows, true)) {
    const list = columnList(key).join(', ');
    for (let start = 0; start < group.length; start += CHUNK) {
      const chunk = group.slice(start, start + CHUNK);
      await db.$executeRawUnsafe(`INSERT INTO "${table}" (${list}) SELECT ${list} FROM json_populate_recordset(NULL::"${table}", $1::json)`, JSON.stringify(chunk));
    }
  }
}

/** A row's values of the `conflict` columns, as one string: how upsertRows reports the id of each row. */
export const conflictKey = (row: Record<string, unknown>, conflict: readonly string[]) => conflict.map((c) => String(row[c])).join('\u0000');

/**
 * Inserts rows into `table`, or updates the row already holding the same values of the `conflict`
 * columns (a unique index), as Prisma's upsert does one row at a time: every field a row sets is
 * written, except `id`, which is kept. Rows set their `id` (the one a new row gets), if the table has one.
 * Returns the id of the row written for each conflict key (see conflictKey; empty for a table without ids). Rows with the same key
 * are written once, the last one winning, as a sequence of upserts would leave them.
 */
export async function upsertRows(db: Db, table: string, rows: readonly Record<string, unknown>[], conflict: readonly string[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const last = new Map<string, Record<string, unknown>>();
  for (const row of rows) last.set(conflictKey(row, conflict), row);
  for (const [key, group] of groupByFields(table, [...last.values()], false)) {
    const columns = columnList(key);
    const list = columns.join(', ');
    const target = conflict.map((c) => `"${c}"`);
    // A conflict updates something even when the row has no other field, so that RETURNING reports it.
    const updated = columns.filter((c) => c !== '"id"' && !target.includes(c));
    const set = (updated.length > 0 ? updated : target).map((c) => `${c} = EXCLUDED.${c}`).join(', ');
    // Tables keyed by a foreign key (SourceDocument) have no id to report.
    const returning = columns.includes('"id"') ? `RETURNING "id"::text AS id, ${target.join(', ')}` : '';
    const sql = `INSERT INTO "${table}" (${list}) SELECT ${list} FROM json_populate_recordset(NULL::"${table}", $1::json)
      ON CONFLICT (${target.join(', ')}) DO UPDATE SET ${set} ${returning}`;
    for (let start = 0; start < group.length; start += CHUNK) {
      const written = await db.$queryRawUnsafe<Record<string, unknown>[]>(sql, JSON.stringify(group.slice(start, start + CHUNK)));
      for (const row of written) ids.set(conflictKey(row, conflict), row.id as string);
    }
  }
  return ids;
}
