// The same migrations, seed and API on a server PostgreSQL, in a database of its own that is dropped after.
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../src/db/client.js';
import { applyMigrations } from '../src/db/migrate.js';
import { dataset } from '../src/seed/data/index.js';
import { loadSeed } from '../src/seed/load.js';
import { loadSynthetic } from '../src/seed/synthetic.js';
import { expectRawEntityRowsToMatchPrisma, queryData } from './helpers.js';
import { adminQuery, adminUrl, serverPostgresAvailable } from './server-postgres.js';

const run = promisify(execFile);
describe.skipIf(!serverPostgresAvailable)('server PostgreSQL', () => {
  const name = `sahel_test_${randomBytes(4).toString('hex')}`;
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  let db: Database;

  beforeAll(async () => {
    await adminQuery(`CREATE DATABASE "${name}"`);
    db = await openDatabase({ kind: 'postgres', url: url.toString() });
  });
  afterAll(async () => {
    await db?.close();
    await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });

  it('takes the migrations, and `prisma migrate status` agrees through the CLI adapter', async () => {
    expect(await applyMigrations(db.scripts)).toContain('20261125000000_init');
    const { stdout } = await run('npx', ['prisma', 'migrate', 'status'], { env: { ...process.env, DATABASE_URL: url.toString() } });
    expect(stdout).toMatch(/Database schema is up to date/);
  });

  it('opens every connection with the session settings', async () => {
    // Two at once: the pool opens a second connection, which must have them before its first statement.
    const settings = await Promise.all(['pg_trgm.similarity_threshold', 'random_page_cost'].map((name) => db.scripts.query(`SHOW ${name}`)));
    expect(settings).toEqual([[{ 'pg_trgm.similarity_threshold': '0.45' }], [{ random_page_cost: '1.1' }]]);
  });

  it('opens no more connections than its pool size, the statements beyond them waiting their turn', async () => {
    const small = await openDatabase({ kind: 'postgres', url: url.toString() }, { poolSize: 2 });
    try {
      const backends = await Promise.all(Array.from({ length: 6 }, () => small.scripts.query<{ pid: number }>('SELECT pg_backend_pid() AS pid, pg_sleep(0.05)')));
      expect(new Set(backends.map(([row]) => row!.pid)).size).toBe(2);
      expect(small.poolStats!().total).toBe(2);
    } finally {
      await small.close();
    }
  });

  it('runs a bulk transaction’s statements past the requests’ statement timeout', async () => {
    const bounded = await openDatabase({ kind: 'postgres', url: url.toString() }, { statementTimeoutMs: 200 });
    try {
      await expect(bounded.scripts.query('SELECT pg_sleep(0.5)')).rejects.toThrow(/statement timeout/);
      // Past the server's timeout (200 ms) and the give-up on a silent server (2.2 s, checked every 220 ms, so
      // 2.64 s at the latest): an index built over millions of names takes minutes.
      await expect(bounded.scripts.bulkTransaction((tx) => tx.query('SELECT pg_sleep(3) AS slept'))).resolves.toEqual([{ slept: '' }]);
      // The transaction's setting ended with it.
      await expect(bounded.scripts.query('SELECT pg_sleep(0.5)')).rejects.toThrow(/statement timeout/);
    } finally {
      await bounded.close();
    }
  });

  it('loads the seed idempotently and answers the API', async () => {
    await loadSeed(db.prisma, dataset);
    await loadSeed(db.prisma, dataset);
    const data = await queryData(db, '{ organization(slug: "jnim") { name components { slug } designations { reference } } }');
    expect(data.organization.components.map((c: { slug: string }) => c.slug).sort()).toEqual([
      'al-murabitun',
      'ansar-al-din',
      'aqim-sahara',
      'katiba-macina',
    ]);
    expect(data.organization.designations.map((d: { reference: string | null }) => d.reference)).toContain('QDe.159');
  });

  it('answers through the root lists\' prepared statements as through the loaders alone, run after run and west of Greenwich', async () => {
    const date = 'iso precision qualifier earliest latest inferred';
    const query = `{
      organizations(first: 100) { edges { cursor node { slug name founded { ${date} } aliases { name kind }
        components { slug leaders(current: true) { certainty start { ${date} } person { name died { ${date} } aliases { name } } } }
        citations { quote source { title published { ${date} } } } } } }
      incidents(first: 50) { edges { node { title date { ${date} } killed { min max } perpetrators { attribution organization { slug } } } } }
      organization(slug: "jnim") { relations { type from { slug } to { slug } start { ${date} } } } }`;
    const alone = await queryData(db, query, undefined, { prefetch: false });
    const zone = process.env.TZ;
    process.env.TZ = 'America/Los_Angeles';
    try {
      // Past the five runs after which PostgreSQL may plan a prepared statement once for all parameters.
      for (let run = 0; run < 7; run++) expect(await queryData(db, query, undefined, { prefetch: true })).toEqual(alone);
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
    expect(JSON.stringify(alone)).toContain('katiba-macina');
  });

  it('gives raw-SQL entity rows exactly as Prisma does, west of Greenwich', async () => {
    // node-postgres reads a DATE in the process's time zone unless told otherwise (src/db/client.ts).
    const zone = process.env.TZ;
    process.env.TZ = 'America/Los_Angeles';
    try {
      await expectRawEntityRowsToMatchPrisma(db);
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it('lets two transactions writing incidents of the same rollup keys in opposite orders both commit, one after the other', async () => {
    const connect = async () => {
      const client = new pg.Client({ connectionString: url.toString() });
      await client.connect();
      return client;
    };
    const [first, second] = await Promise.all([connect(), connect()]);
    const insert = (client: pg.Client, slug: string, day: string, country: string) => client.query(
      `INSERT INTO "Incident" (id, slug, title, kind, "dateEarliest", "dateLatest", "datePrecision", "dateQualifier", "countryCode", "killedMin", "killedMax", "killedQualifier", "updatedAt")
       VALUES (gen_random_uuid(), $1, $1, 'ATTACK', $2::date, $2::date, 'DAY', 'EXACT', $3, 1, 1, 'EXACT', now())`,
      [slug, day, country],
    );
    const slugs = ['turns-first-ml', 'turns-first-bf', 'turns-second-bf', 'turns-second-ml'];
    try {
      await first.query('BEGIN');
      await second.query('BEGIN');
      await insert(first, slugs[0]!, '2013-02-01', 'ML');
      // The second writer's first incident, under another key: without turns it goes ahead and holds that key's row.
      const secondDone = insert(second, slugs[2]!, '2014-03-01', 'BF').then(() => insert(second, slugs[3]!, '2013-04-01', 'ML')).then(() => second.query('COMMIT'));
      await new Promise((resolve) => setTimeout(resolve, 200));
      const firstDone = insert(first, slugs[1]!, '2014-05-01', 'BF').then(() => first.query('COMMIT'));
      // Without turns, each waits for the other and PostgreSQL rolls one back (deadlock detected, after a second).
      const outcomes = await Promise.allSettled([firstDone, secondDone]);
      expect(outcomes.map((o) => (o.status === 'rejected' ? String(o.reason) : o.status))).toEqual(['fulfilled', 'fulfilled']);
      const rows = await db.scripts.query<{ year: number; country: string; incidents: number; killed: number }>(
        `SELECT "dateYear" AS year, "countryCode" AS country, sum(incidents)::int AS incidents, sum("killedMinSum")::int AS killed FROM "IncidentRollup"
         WHERE "dateYear" IN (2013, 2014) AND "countryCode" IN ('ML', 'BF') AND kind = 'ATTACK' GROUP BY 1, 2 ORDER BY 1, 2`,
      );
      const counted = await db.scripts.query<{ year: number; country: string; incidents: number; killed: number }>(
        `SELECT "dateYear" AS year, "countryCode" AS country, count(*)::int AS incidents, coalesce(sum("killedMin"), 0)::int AS killed FROM "Incident"
         WHERE "dateYear" IN (2013, 2014) AND "countryCode" IN ('ML', 'BF') AND kind = 'ATTACK' GROUP BY 1, 2 ORDER BY 1, 2`,
      );
      expect(rows).toEqual(counted);
      // Both keys hold both writers' incidents.
      for (const [year, country] of [[2013, 'ML'], [2014, 'BF']] as const) {
        expect(counted.find((r) => r.year === year && r.country === country)?.incidents).toBeGreaterThanOrEqual(2);
      }
    } finally {
      await Promise.all([first.end(), second.end()]);
      await db.scripts.query(`DELETE FROM "Incident" WHERE slug = ANY($1)`, [slugs]);
    }
  });

  // Last: it adds the synthetic graph's XS scale to the database.
  it('plans a page’s prepared statement once, not at every run', async () => {
    // Enough incidents (500) that a plan made without knowing the page size costs more than one made with it.
    await loadSynthetic(db.scripts, { scale: 'XS', seed: 42 });
    const page = '{ incidents(first: 20, orderBy: DATE_DESC, filter: { from: "1900", includeOpenDates: true }) { edges { node { title perpetrators { organization { slug } } } } } }';
    for (let run = 0; run < 8; run++) await queryData(db, page, undefined, { prefetch: true });
    // One request at a time reuses the pool's last connection, whose session holds the statement.
    const [row] = await db.scripts.query<{ statements: number; generic: number }>(
      `SELECT count(*)::int AS statements, coalesce(sum(generic_plans), 0)::int AS generic FROM pg_prepared_statements
       WHERE statement LIKE 'SELECT %FROM "Incident" t WHERE %' AND statement NOT LIKE '%"killed%'`,
    );
    // After its first five runs, PostgreSQL runs the plan it made for any parameters.
    expect(row).toEqual({ statements: 1, generic: 3 });
  });

  // Linking was decided outside the transaction: two imports at once each missed the other's new
  // entities, and the same file twice failed with a raw unique-slug stack.
  it('serialises imports of one database: the second waits, says so, then finds the first one\'s work', { timeout: 60_000 }, async () => {
    const importsDb = `${name}_imports`;
    await adminQuery(`CREATE DATABASE "${importsDb}"`);
    const target = new URL(adminUrl);
    target.pathname = `/${importsDb}`;
    const holder = new pg.Client({ connectionString: target.toString() });
    await holder.connect();
    try {
      // Hold the importers' lock, so that both must wait: their overlap is then certain, not a race.
      await holder.query(`SELECT pg_advisory_lock(hashtext('sahel-graph:import'))`);
      const start = () => {
        let output = '';
        const child = spawn('node', ['--import', 'tsx', 'src/import/main.ts', 'un-sc', 'src/seed/documents/un_sc_consolidated_2020-11-30_sahel_entries.xml'], {
          env: { ...process.env, DATABASE_URL: target.toString() }, stdio: ['ignore', 'pipe', 'pipe'],
        });
        child.stdout.on('data', (c: Buffer) => (output += c));
        child.stderr.on('data', (c: Buffer) => (output += c));
        return { output: () => output, exited: new Promise<number | null>((resolve) => child.on('exit', resolve)) };
      };
      const imports = [start(), start()];
      for (let i = 0; i < 600 && !imports.every((x) => x.output().includes('Another import is writing to this database')); i++) await new Promise((r) => setTimeout(r, 50));
      expect(imports.map((x) => x.output().includes('Another import is writing to this database: waiting for it to finish')), imports.map((x) => x.output()).join('\n----\n')).toEqual([true, true]);
      await holder.query(`SELECT pg_advisory_unlock(hashtext('sahel-graph:import'))`);
      expect(await Promise.all(imports.map((x) => x.exited))).toEqual([0, 0]);
      const outputs = imports.map((x) => x.output());
      expect(outputs.filter((o) => /Organization: 5 created/.test(o))).toHaveLength(1);
      expect(outputs.filter((o) => /was imported already/.test(o))).toHaveLength(1);
      const [{ n }] = (await holder.query<{ n: number }>('SELECT count(*)::int AS n FROM "Organization"')).rows as [{ n: number }];
      expect(n).toBe(5);
    } finally {
      await holder.end();
      await adminQuery(`DROP DATABASE IF EXISTS "${importsDb}" WITH (FORCE)`);
    }
  });
});
