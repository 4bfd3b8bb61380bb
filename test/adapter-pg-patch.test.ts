// The patched transaction of @prisma/adapter-pg (patches/README.md): Prisma's interpreter sends an
// operation's independent statements at once, and the patch sends them to the transaction's connection
// one at a time, in the order they came.
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { adminUrl, serverPostgresAvailable } from './server-postgres.js';

describe.skipIf(!serverPostgresAvailable)('@prisma/adapter-pg, patched', () => {
  it('runs a transaction’s statements one at a time on its connection, in order, a failed one included', async () => {
    const pool = new pg.Pool({ connectionString: adminUrl, max: 2 });
    // How many statements each connection holds at once (pg queues them on the client: what pg 9 removes).
    let running = 0;
    let most = 0;
    pool.on('connect', (client) => {
      const query = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
      (client as { query: unknown }).query = (...args: unknown[]) => {
        running++;
        most = Math.max(most, running);
        const result = query(...args);
        void result.then(() => running--, () => running--);
        return result;
      };
    });
    const adapter = await new PrismaPg(pool).connect();
    try {
      const tx = await adapter.startTransaction();
      const select = (sql: string) => tx.queryRaw({ sql, args: [], argTypes: [] });
      const answers = await Promise.allSettled([
        select('SELECT 1 AS n FROM pg_sleep(0.05)'),
        select('SELECT no_such_column'),
        select('SELECT 3 AS n'),
      ]);
      await tx.rollback();
      expect(most).toBe(1);
      // In order: the third ran after the second failed, in the transaction that failure aborted.
      expect(answers.map((a) => a.status)).toEqual(['fulfilled', 'rejected', 'rejected']);
      expect(JSON.stringify((answers[2] as PromiseRejectedResult).reason)).toMatch(/25P02|aborted/);
    } finally {
      await adapter.dispose();
      await pool.end();
    }
  });
});
