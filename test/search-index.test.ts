// The stored search forms follow the code: start-up rebuilds them when the name normalisation that
// computed them is not this code's (NORMALIZATION_VERSION), and leaves a current index alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareDatabase } from '../src/db/prepare.js';
import { openDatabase, type Database } from '../src/db/client.js';
import { createHash } from 'node:crypto';
import { nameKey, NORMALIZATION_VERSION } from '../src/search/normalize.js';
import { rebuildSearchIndex } from '../src/search/indexer.js';
import { createTestDatabase, queryData, type TestDatabase } from './helpers.js';

const RESOLVE = `query($name: String!) {
  resolveEntity(name: $name, type: PERSON) { match { score matchKind entity { ... on Person { slug } } } candidates { score } }
}`;

async function vocabularyDrift(db: Database) {
  // Every word's stored name count against a recount of the stored names.
  const [row] = await db.scripts.query<{ drift: number }>(
    `WITH counted AS (SELECT word, count(DISTINCT id)::int AS df FROM "SearchName", unnest(string_to_array(skeleton, ' ')) AS word GROUP BY word)
     SELECT count(*)::int AS drift FROM "SearchWord" w FULL JOIN counted c USING (word) WHERE coalesce(w.df, 0) <> coalesce(c.df, 0)`,
  );
  return row!.drift;
}

// Names that exercise every rule of the normalisation. Their keys change only with the version.
const RULES_SAMPLE = [
  "Jama'at Nusrat al-Islam wal-Muslimin", 'Jamaat Nosrat al Islam wa al-Mouslimin', 'J.N.I.M.', 'G S I M',
  'Groupe de soutien à l’islam et aux musulmans', "Al-Qa'ida au Maghreb islamique", 'Hay’at Tahrir al-Sham',
  'Iyad Agh Ghaly', 'Mohamed Ould Nouini', 'Aicha Mint Ahmed', 'Abdelmalek Droukdel', 'Almurabitun',
  'Djamel Okacha', 'Dhikr Qadhafi Khalil', 'Abou Abderahmane Sanhaji', 'Soumaïla Cissé', 'İyad', 'Ansar ud-Din',
];

describe('the search index across normalisation versions', () => {
  it('has keys that change only with NORMALIZATION_VERSION', () => {
    // A failure here means the normalisation's output changed: bump NORMALIZATION_VERSION (stored
    // indexes are then rebuilt at start-up), and record the new version and digest here.
    const digest = createHash('sha256').update(JSON.stringify(RULES_SAMPLE.map(nameKey))).digest('hex').slice(0, 16);
    expect({ version: NORMALIZATION_VERSION, digest }).toEqual({ version: 4, digest: 'd0ab1acaba267e1b' });
  });

  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());

  it('is rebuilt at start-up when another version computed it, and then answers as this code does', async () => {
    // What an index from an older release looks like: other stored forms, another version.
    await db.scripts.query(`UPDATE "SearchName" SET normalized = 'x' || normalized, skeleton = 'x' || skeleton WHERE "personId" IS NOT NULL`);
    await db.scripts.query(`INSERT INTO "SearchIndexState" (id, normalization) VALUES (1, $1)`, [NORMALIZATION_VERSION - 1]);
    const stale = await queryData(db, RESOLVE, { name: 'Iyad Agh Ghali' });
    expect(stale.resolveEntity.match).toBeNull();

    const { rebuilt } = await prepareDatabase(db, true);
    const [stored] = await db.scripts.query<{ names: number; documents: number }>(
      'SELECT (SELECT count(*) FROM "SearchName")::int AS names, (SELECT count(*) FROM "SearchDocument")::int AS documents',
    );
    expect(rebuilt).toEqual(stored);
    expect(rebuilt!.names).toBeGreaterThan(50);

    const fresh = await queryData(db, RESOLVE, { name: 'Iyad Agh Ghali' });
    expect(fresh.resolveEntity.match).toMatchObject({ matchKind: 'PHONETIC', entity: { slug: 'iyad-ag-ghali' } });
    expect(await vocabularyDrift(db)).toBe(0);
    const [state] = await db.scripts.query<{ normalization: number }>('SELECT normalization FROM "SearchIndexState"');
    expect(state!.normalization).toBe(NORMALIZATION_VERSION);
  });

  it('is left alone when current', async () => {
    const before = await db.scripts.query<{ id: string }>('SELECT id FROM "SearchName" ORDER BY id');
    expect((await prepareDatabase(db, true)).rebuilt).toBeNull();
    expect(await db.scripts.query('SELECT id FROM "SearchName" ORDER BY id')).toEqual(before);
  });

  it('is marked current when start-up seeds an empty database', async () => {
    const empty = await openDatabase({ kind: 'pglite-memory' });
    try {
      const first = await prepareDatabase(empty, true);
      expect(first.seeded).not.toBeNull();
      expect(first.rebuilt).toBeNull();
      expect((await prepareDatabase(empty, true)).rebuilt).toBeNull();
      expect(await vocabularyDrift(empty)).toBe(0);
    } finally {
      await empty.close();
    }
  });
});

describe('rebuilding the search index', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());

  /** Everything the index holds, without its row IDs. */
  const contents = (d: Database) =>
    Promise.all([
      d.scripts.query(`SELECT "entityType", "organizationId", "personId", "incidentId", "sourceId", "aliasId", name, kind, quality, language, normalized, skeleton, acronym
        FROM "SearchName" ORDER BY 1, 2, 3, 4, 5, 6, 7, 8`),
      d.scripts.query(`SELECT "entityType", "organizationId", "personId", "incidentId", "sourceId", content, text FROM "SearchDocument" ORDER BY 1, 2, 3, 4, 5`),
      d.scripts.query('SELECT word, df FROM "SearchWord" WHERE df <> 0 ORDER BY word'),
      d.scripts.query('SELECT variant, word FROM "SearchWordVariant" ORDER BY variant, word'),
    ]);

  it('gives, a few entities at a time, the index the seed loader wrote', async () => {
    const written = await contents(db);
    expect(written[0].length).toBeGreaterThan(50);
    const indexes = () =>
      db.scripts.query(`SELECT tablename, indexname, indexdef FROM pg_indexes WHERE tablename LIKE 'Search%' ORDER BY 1, 2`);
    const before = await indexes();
    expect(before.length).toBeGreaterThan(15);
    // Batches of 3: every entity type spans several, and the word counts add up across them.
    const rebuilt = await rebuildSearchIndex(db.scripts, 3);
    // The indexes dropped while it wrote are all back, as they were.
    expect(await indexes()).toEqual(before);
    expect(rebuilt.names).toBe(written[0].length);
    expect(await contents(db)).toEqual(written);
    expect(await vocabularyDrift(db)).toBe(0);
  });
});
