// The synthetic graph: deterministic for a seed, shaped like the real data, cited so the provenance
// linter finds nothing, written whole or not at all; on PGlite and on server PostgreSQL (COPY both ways).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../src/db/client.js';
import { applyMigrations } from '../src/db/migrate.js';
import { countryName } from '../src/import/countries.js';
import { lintDatabase } from '../src/provenance/lint.js';
import { rebuildSearchIndex } from '../src/search/indexer.js';
import { loadSynthetic, SyntheticDataError } from '../src/seed/synthetic.js';
import { createTestDatabase, queryData } from './helpers.js';
import { adminQuery, adminUrl, serverPostgresAvailable } from './server-postgres.js';

/** A digest of every synthetic row (timestamps aside): equal digests, equal data. */
async function digest(db: Database): Promise<string> {
  const [row] = await db.scripts.query<{ d: string }>(`SELECT md5(string_agg(r, '|' ORDER BY r)) AS d FROM (
    SELECT concat_ws(',', id, slug, name, kind, status, "foundedEarliest", "dissolvedLatest") AS r FROM "Organization"
    UNION ALL SELECT concat_ws(',', id, name, kind, "organizationId", "personId") FROM "Alias"
    UNION ALL SELECT concat_ws(',', id, "personId", "organizationId", role, "startEarliest", "endLatest") FROM "Membership"
    UNION ALL SELECT concat_ws(',', id, slug, "dateEarliest", "killedMin", "killedMax", targets::text) FROM "Incident"
    UNION ALL SELECT concat_ws(',', id, "incidentId", "organizationId", attribution) FROM "IncidentPerpetrator"
    UNION ALL SELECT concat_ws(',', id, "sourceId", quote) FROM "Citation"
    -- Kept by triggers, through COPY on the server as through INSERT on PGlite (test/incident-rollup.test.ts).
    UNION ALL SELECT concat_ws(',', "dateEarliest", "dateLatest", "dateQualifier", "countryCode", kind, incidents, "killedMinCount", "killedMinSum",
      "killedMaxCount", "killedMaxSum", "injuredMinCount", "injuredMinSum", "injuredMaxCount", "injuredMaxSum") FROM "IncidentRollup") t`);
  return row!.d;
}

const count = async (db: Database, table: string) => (await db.scripts.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}"`))[0]!.n;

describe('seed:synthetic on PGlite', () => {
  let a: Database;
  let b: Database;
  beforeAll(async () => {
    [a, b] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    await Promise.all([loadSynthetic(a.scripts, { scale: 'XS', seed: 42 }), loadSynthetic(b.scripts, { scale: 'XS', seed: 42 })]);
  });
  afterAll(async () => Promise.all([a?.close(), b?.close()]));

  it('gives the same rows for the same seed, other rows for another', async () => {
    expect(await digest(a)).toBe(await digest(b));
    const c = await createTestDatabase();
    try {
      await loadSynthetic(c.scripts, { scale: 'XS', seed: 7 });
      expect(await digest(c)).not.toBe(await digest(a));
    } finally {
      await c.close();
    }
  });

  it('holds the sizes of its scale on top of the seed, every record cited', async () => {
    expect(await count(a, 'Organization')).toBe(20 + (await count(await seedOnly(), 'Organization')));
    const uncited = await a.scripts.query<{ n: number }>(`SELECT
      (SELECT count(*) FROM "Incident" i WHERE NOT EXISTS (SELECT 1 FROM "Citation" c WHERE c."incidentId" = i.id))
      + (SELECT count(*) FROM "Alias" x WHERE NOT EXISTS (SELECT 1 FROM "Citation" c WHERE c."aliasId" = x.id))
      + (SELECT count(*) FROM "Membership" m WHERE NOT EXISTS (SELECT 1 FROM "Citation" c WHERE c."membershipId" = m.id))
      + (SELECT count(*) FROM "IncidentPerpetrator" p WHERE NOT EXISTS (SELECT 1 FROM "Citation" c WHERE c."perpetratorId" = p.id)) AS n`);
    expect(Number(uncited[0]!.n)).toBe(0);
    expect(await count(a, 'Incident')).toBeGreaterThanOrEqual(500);
  });

  it('leaves its tables vacuumed (PGlite has no autovacuum): an index-only scan reads no row', async () => {
    const [table] = await a.scripts.query<{ pages: number; visible: number }>(
      `SELECT relpages AS pages, relallvisible AS visible FROM pg_class WHERE relname = 'Incident' AND relnamespace = current_schema()::regnamespace`);
    expect(table!.pages).toBeGreaterThan(0);
    expect(table!.visible).toBe(table!.pages);
  });

  it('passes the provenance linter: every name, date, number and status is in its passage', async () => {
    expect(await lintDatabase(a.prisma)).toEqual([]);
  });

  it('states in its passages what the linter does not check: countries, nationalities and targets', async () => {
    const rows = await a.scripts.query<{ code: string; targets: string[]; quote: string }>(`
      SELECT i."countryCode" AS code, i.targets, c.quote FROM "Incident" i JOIN "Citation" c ON c."incidentId" = i.id WHERE i.slug LIKE 's42-%'
      UNION ALL SELECT p.nationality, '{}', c.quote FROM "Person" p JOIN "Citation" c ON c."personId" = p.id WHERE p.slug LIKE 's42-%' AND p.nationality IS NOT NULL`);
    expect(rows.length).toBeGreaterThan(500);
    for (const row of rows) {
      expect(row.quote).toContain(countryName(row.code));
      for (const target of row.targets) expect(row.quote).toContain(target.toLowerCase().replace(/_/g, ' '));
    }
    const [coordinates] = await a.scripts.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Incident" WHERE slug LIKE 's42-%' AND latitude IS NOT NULL`);
    expect(coordinates!.n).toBe(0);
  });

  it('is queryable as real data: coalitions with components and leaders over time, cited', async () => {
    const data = await queryData(a, `{
      organizations(first: 5, filter: { kind: [COALITION] }, orderBy: NAME_ASC) { totalCount edges { node {
        slug components { slug kind leaders { start { iso } end { iso } person { name status aliases { name } } } }
        citations { quote source { title } } } } }
      incidents(first: 3, orderBy: DATE_DESC) { totalCount edges { node { date { iso precision } perpetrators { organization { name } } citations { quote } } } } }`);
    // The seed's one coalition (JNIM) and the generated one.
    expect(data.organizations.totalCount).toBe(2);
    const coalition = data.organizations.edges.map((e: any) => e.node).find((o: any) => o.slug === 's42-coalition-0');
    expect(coalition.components.length).toBeGreaterThan(0);
    expect(coalition.citations[0].source.title).toMatch(/^Synthetic report/);
    expect(data.incidents.totalCount).toBeGreaterThanOrEqual(500);
    for (const { node } of data.incidents.edges) expect(node.citations.length).toBe(1);
    // Leadership changes: some organization has had more than one leader, one after the other.
    const [turnover] = await a.scripts.query<{ n: number }>(`SELECT count(*)::int AS n FROM (SELECT "organizationId" FROM "Membership"
      WHERE role = 'LEADER' GROUP BY 1 HAVING count(*) > 1) t`);
    expect(turnover!.n).toBeGreaterThan(0);
  });

  it('refuses a second load and writes nothing of it', async () => {
    const before = await digest(a);
    await expect(loadSynthetic(a.scripts, { scale: 'XS', seed: 43 })).rejects.toThrow(SyntheticDataError);
    expect(await digest(a)).toBe(before);
  });
});

let seeded: Database | undefined;
async function seedOnly(): Promise<Database> {
  seeded ??= await createTestDatabase();
  return seeded;
}
afterAll(async () => seeded?.close());

describe.runIf(serverPostgresAvailable)('seed:synthetic on server PostgreSQL', () => {
  const name = `sahel_synthetic_${process.pid}`;
  let db: Database;
  beforeAll(async () => {
    await adminQuery(`DROP DATABASE IF EXISTS ${name}`);
    await adminQuery(`CREATE DATABASE ${name}`);
    db = await openDatabase({ kind: 'postgres', url: adminUrl.replace(/\/[^/]*$/, `/${name}`) });
    await applyMigrations(db.scripts);
  });
  afterAll(async () => {
    await db?.close();
    await adminQuery(`DROP DATABASE IF EXISTS ${name}`);
  });

  it('writes the same rows through COPY as PGlite does', async () => {
    const summary = await loadSynthetic(db.scripts, { scale: 'XS', seed: 42 });
    expect(summary.total).toBeGreaterThan(2_000);
    const pglite = await createTestDatabase({ seed: false });
    try {
      await loadSynthetic(pglite.scripts, { scale: 'XS', seed: 42 });
      expect(await digest(db)).toBe(await digest(pglite));
      // The search index rebuilt over it (by COPY, on each) holds the same names, texts and words.
      const index = (d: { scripts: Database['scripts'] }) => d.scripts.query(
        `SELECT (SELECT md5(string_agg(concat_ws('|', "entityType", name, normalized, skeleton, acronym), ',' ORDER BY "entityType", name, normalized)) FROM "SearchName") AS names,
                (SELECT md5(string_agg(text, ',' ORDER BY text)) FROM "SearchDocument") AS texts,
                (SELECT md5(string_agg(word || df, ',' ORDER BY word)) FROM "SearchWord") AS words`);
      const [onServer, onPGlite] = [await rebuildSearchIndex(db.scripts), await rebuildSearchIndex(pglite.scripts)];
      expect(onServer.names).toBeGreaterThan(summary.rows.Organization);
      expect(onServer).toEqual(onPGlite);
      expect(await index(db)).toEqual(await index(pglite));
    } finally {
      await pglite.close();
    }
  });

  it('rolls the whole load back when a statement fails', async () => {
    await db.scripts.query(`DELETE FROM "Citation"; DELETE FROM "IncidentPerpetrator"; DELETE FROM "Incident"; DELETE FROM "Membership";
      DELETE FROM "Alias"; DELETE FROM "OrganizationRelation"; DELETE FROM "Person"; DELETE FROM "Organization"; DELETE FROM "Source"`);
    // A person slug the generator will write, taken already: the load must fail and leave nothing.
    await db.scripts.query(`INSERT INTO "Person" (id, slug, name, "updatedAt") VALUES (gen_random_uuid(), 's42-person-50', 'Taken', now())`);
    await expect(loadSynthetic(db.scripts, { scale: 'XS', seed: 42 })).rejects.toThrow(/duplicate key/);
    expect(await count(db, 'Organization')).toBe(0);
    expect(await count(db, 'Citation')).toBe(0);
  });
});
