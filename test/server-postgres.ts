// The machine's server PostgreSQL, for the tests that need one: each uses a database of its own,
// created and dropped through the admin connection here.
import pg from 'pg';

export const adminUrl = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

async function reachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** CI starts PostgreSQL and must run these tests; elsewhere they are skipped when no server answers. */
export const serverPostgresAvailable = process.env.CI === 'true' || (await reachable());

/** Runs one statement on the admin connection (CREATE / DROP DATABASE). */
export async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
