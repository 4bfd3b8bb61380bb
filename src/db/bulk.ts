// Set-based inserts: a batch of rows as one JSON parameter, expanded by PostgreSQL
// (json_populate_recordset) into the table's own column types. Prisma's createMany binds one
// parameter per value and compiles each statement: for thousands of rows it costs seconds where
// this costs tens of milliseconds, on PGlite and server PostgreSQL alike.
import { randomUUID } from 'node:crypto';
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';

/** Tables whose `updatedAt` Prisma sets (@updatedAt has no database default). */
const UPDATED_AT = new Set(['Source', 'Organization', 'Person', 'Incident']);

/** Rows per statement: a few megabytes of JSON at most. */
const CHUNK = 5_000;

/**
 * Inserts rows (Prisma's createMany input shapes: field names are the column names) into `table`,
 * a statement per 5,000 rows. Rows without an `id` get one, as Prisma's @default(uuid()) would.
 * `table` and the field names come from code, never from input.
 */
export async function insertRows(db: Prisma.TransactionClient | PrismaClient, table: string, rows: readonly object[]): Promise<void> {
  if (rows.length === 0) return;
  const now = new Date();
  // Rows are grouped by the fields they set: a field a row leaves out must get the column's default,
  // not the NULL json_populate_recordset would give it beside rows that set it.
  const groups = new Map<string, object[]>();
  for (const row of rows) {
    const complete = { id: randomUUID(), ...(UPDATED_AT.has(table) ? { updatedAt: now } : {}), ...row };
    const key = Object.keys(complete).filter((k) => (complete as Record<string, unknown>)[k] !== undefined).sort().join(',');
    const group = groups.get(key);
    if (group) group.push(complete);
    else groups.set(key, [complete]);
  }
  for (const [key, group] of groups) {
    const list = key.split(',').map((c) => `"${c}"`).join(', ');
    for (let start = 0; start < group.length; start += CHUNK) {
      const chunk = group.slice(start, start + CHUNK);
      await db.$executeRawUnsafe(`INSERT INTO "${table}" (${list}) SELECT ${list} FROM json_populate_recordset(NULL::"${table}", $1::json)`, JSON.stringify(chunk));
    }
  }
}
