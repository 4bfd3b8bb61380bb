// Many rows with one statement per chunk: each column sent as a text array and cast to its type
// (INSERT ... SELECT FROM unnest). Prisma's createMany took minutes for 100,000 rows on PGlite.
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';

/** A column name and the SQL type its text is cast to ("uuid", "text", '"AliasKind"'). */
export type Column = [name: string, cast: string];

const CHUNK = 5_000;

export async function insertRows(db: PrismaClient | Prisma.TransactionClient, table: string, columns: Column[], rows: Record<string, unknown>[]) {
  const list = columns.map(([name]) => `"${name}"`).join(', ');
  const sql = `INSERT INTO "${table}" (${list}) SELECT ${columns.map(([name, cast]) => `"${name}"::${cast}`).join(', ')}
    FROM unnest(${columns.map((_, i) => `$${i + 1}::text[]`).join(', ')}) AS t(${list})`;
  for (let start = 0; start < rows.length; start += CHUNK) {
    const chunk = rows.slice(start, start + CHUNK);
    const text = (value: unknown) => (value === null || value === undefined ? null : value instanceof Date ? value.toISOString() : String(value));
    await db.$executeRawUnsafe(sql, ...columns.map(([name]) => chunk.map((row) => text(row[name]))));
  }
}
