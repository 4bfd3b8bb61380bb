// The incident rollup (prisma/migrations/*_incident_rollup): the statistics and counts it answers are
// those of the incidents themselves, folded here from their rows, and it keeps up with every kind of write.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/client.js';
import type { PartialDate } from '../src/values/partial-date.js';
import { dateArgument, dateMeets } from '../src/resolvers/filters.js';
import type { IncidentFilter } from '../src/resolvers/incidents.js';
import { loadSynthetic } from '../src/seed/synthetic.js';
import { countQueries, createTestDatabase, queryData } from './helpers.js';

interface Row {
  dateEarliest: Date | null;
  dateLatest: Date | null;
  dateQualifier: PartialDate['qualifier'] | null;
  countryCode: string | null;
  kind: string;
  killedMin: number | null;
  killedMax: number | null;
  injuredMin: number | null;
  injuredMax: number | null;
}

/** Dates that the synthetic data has few of: across a new year, open on either side, none. */
const EDGE_CASES = `INSERT INTO "Incident" (id, slug, title, kind, "dateEarliest", "dateLatest", "datePrecision", "dateQualifier", "countryCode",
    "killedMin", "killedMax", "killedQualifier", "injuredMin", "injuredMax", "injuredQualifier", "updatedAt") VALUES
  (gen_random_uuid(), 'rollup-across-new-year', 'a', 'ATTACK', '2014-12-20', '2015-01-10', 'DAY', 'BETWEEN', 'ML', 3, 9, 'BETWEEN', NULL, NULL, NULL, now()),
  (gen_random_uuid(), 'rollup-before', 'b', 'BOMBING', NULL, '2016-03-01', 'DAY', 'BEFORE', 'BF', 6, NULL, 'AT_LEAST', 2, 2, 'EXACT', now()),
  (gen_random_uuid(), 'rollup-after', 'c', 'KIDNAPPING', '2019-11-01', NULL, 'MONTH', 'AFTER', NULL, NULL, NULL, NULL, 1, 4, 'BETWEEN', now()),
  (gen_random_uuid(), 'rollup-undated', 'd', 'ATTACK', NULL, NULL, NULL, NULL, 'NE', 0, 0, 'EXACT', NULL, NULL, NULL, now()),
  (gen_random_uuid(), 'rollup-decade', 'e', 'ATTACK', '2010-01-01', '2019-12-31', 'YEAR', 'BETWEEN', 'ML', 1, 1, 'EXACT', NULL, NULL, NULL, now())`;

const rowsOf = (db: Database) =>
  db.scripts.query<Row>(`SELECT "dateEarliest", "dateLatest", "dateQualifier", "countryCode", kind::text AS kind,
    "killedMin", "killedMax", "injuredMin", "injuredMax" FROM "Incident"`);

const asDate = (value: Date | string | null) => (value === null ? null : new Date(value));

function selects(filter: IncidentFilter, row: Row): boolean {
  const date = row.dateQualifier === null ? null : ({ earliest: asDate(row.dateEarliest), latest: asDate(row.dateLatest), qualifier: row.dateQualifier, precision: 'DAY' } as PartialDate);
  const from = dateArgument(filter.from, 'from');
  const to = dateArgument(filter.to, 'to');
  return dateMeets(date, from, to, filter.includeOpenDates ?? false)
    && (!filter.country || row.countryCode === filter.country)
    && (!filter.kind || filter.kind.includes(row.kind as never))
    && (filter.minKilled === undefined || (row.killedMin !== null && row.killedMin >= filter.minKilled!));
}

/** A sum over the incidents with a known count; the max open as soon as one of them is. */
function summed(rows: Row[], min: 'killedMin' | 'injuredMin', max: 'killedMax' | 'injuredMax') {
  const known = rows.filter((r) => r[min] !== null);
  if (known.length === 0) return null;
  return { min: known.reduce((s, r) => s + r[min]!, 0), max: known.every((r) => r[max] !== null) ? known.reduce((s, r) => s + r[max]!, 0) : null };
}

const KEY = {
  YEAR: (r: Row) => (r.dateEarliest === null ? null : String(asDate(r.dateEarliest)!.getUTCFullYear())),
  COUNTRY: (r: Row) => r.countryCode,
  KIND: (r: Row) => r.kind,
};

function folded(rows: Row[], filter: IncidentFilter, group: keyof typeof KEY) {
  const buckets = new Map<string | null, Row[]>();
  for (const row of rows.filter((r) => selects(filter, r))) {
    const key = KEY[group](row);
    buckets.set(key, [...(buckets.get(key) ?? []), row]);
  }
  return [...buckets.entries()]
    .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b)))
    .map(([key, list]) => ({
      key,
      incidentCount: list.length,
      killed: summed(list, 'killedMin', 'killedMax'),
      killedUnknownCount: list.filter((r) => r.killedMin === null).length,
      injured: summed(list, 'injuredMin', 'injuredMax'),
      injuredUnknownCount: list.filter((r) => r.injuredMin === null).length,
    }));
}

const STATS = `query($filter: IncidentFilter, $groupBy: IncidentStatsGroup!) { incidentStats(filter: $filter, groupBy: $groupBy) {
  key incidentCount killed { min max } killedUnknownCount injured { min max } injuredUnknownCount } }`;
const COUNT = 'query($filter: IncidentFilter) { incidents(first: 1, filter: $filter) { totalCount } }';

/** Filters of whole years, countries and kinds (read from the rollup), and others (read from the incidents). */
const FILTERS: IncidentFilter[] = [
  {},
  { from: '2015' },
  { to: '2016' },
  { from: '2012', to: '2018' },
  { from: '2012', to: '2018', includeOpenDates: true },
  { from: '2015-01', to: '2019-12' },
  { from: '2015/2016', to: '2019-01-01/2019-12-31' },
  { country: 'ML' },
  { kind: ['ATTACK', 'BOMBING'], from: '2010' },
  { from: '2015-06' },
  { to: '2019-12-30' },
  { from: '2015-03', to: '2018-10-02', includeOpenDates: true },
  { minKilled: 1, from: '2012' },
];

async function expectAnswersFromRows(db: Database) {
  const rows = await rowsOf(db);
  for (const filter of FILTERS) {
    for (const groupBy of ['YEAR', 'COUNTRY', 'KIND'] as const) {
      const { incidentStats } = await queryData(db, STATS, { filter, groupBy });
      expect(incidentStats, `${groupBy} ${JSON.stringify(filter)}`).toEqual(folded(rows, filter, groupBy));
    }
    const { incidents } = await queryData(db, COUNT, { filter });
    expect(incidents.totalCount, JSON.stringify(filter)).toBe(rows.filter((r) => selects(filter, r)).length);
  }
}

/** Rows the rollup holds that a fresh count of the incidents does not, and the other way round. */
async function rollupDrift(db: Database): Promise<number> {
  const [row] = await db.scripts.query<{ n: number }>(`WITH fresh AS (
      SELECT date_trunc('year', "dateEarliest")::date e, date_trunc('year', "dateLatest")::date l, "dateQualifier" q, "countryCode" c, kind k,
        count(*)::int n, count("killedMin")::int, coalesce(sum("killedMin"), 0)::bigint, count("killedMax")::int, coalesce(sum("killedMax"), 0)::bigint,
        count("injuredMin")::int, coalesce(sum("injuredMin"), 0)::bigint, count("injuredMax")::int, coalesce(sum("injuredMax"), 0)::bigint
      FROM "Incident" GROUP BY 1, 2, 3, 4, 5),
    kept AS (SELECT "dateEarliest", "dateLatest", "dateQualifier", "countryCode", kind, incidents, "killedMinCount", "killedMinSum", "killedMaxCount",
      "killedMaxSum", "injuredMinCount", "injuredMinSum", "injuredMaxCount", "injuredMaxSum" FROM "IncidentRollup")
    SELECT ((SELECT count(*) FROM (SELECT * FROM fresh EXCEPT ALL SELECT * FROM kept) a) + (SELECT count(*) FROM (SELECT * FROM kept EXCEPT ALL SELECT * FROM fresh) b))::int AS n`);
  return row!.n;
}

describe('incident statistics and counts from the rollup', () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
    await loadSynthetic(db.scripts, { scale: 'XS', seed: 42 });
    await db.scripts.query(EDGE_CASES);
  });
  afterAll(async () => db?.close());

  it('answer as the incidents themselves, filtered by whole years or not', async () => {
    expect(await rollupDrift(db)).toBe(0);
    await expectAnswersFromRows(db);
  });

  it('are read from the rollup for whole years, countries and kinds, from the incidents otherwise', async () => {
    const tablesRead = async (filter: IncidentFilter) => {
      const { queries } = await countQueries(db, () => queryData(db, `query($filter: IncidentFilter) {
        incidentStats(filter: $filter, groupBy: YEAR) { key } incidents(first: 1, filter: $filter) { totalCount } }`, { filter }));
      return queries.filter((q) => /\b(count|sum)\(/.test(q)).map((q) => (q.includes('"IncidentRollup"') ? 'rollup' : 'incidents'));
    };
    expect(await tablesRead({ from: '2012', to: '2018', country: 'ML', kind: ['ATTACK'] })).toEqual(['rollup', 'rollup']);
    expect(await tablesRead({ from: '2012-02' })).toEqual(['incidents', 'incidents']);
    expect(await tablesRead({ from: '2012', minKilled: 1 })).toEqual(['incidents', 'incidents']);
  });

  it('keep up with inserts, updates, deletes and truncation', async () => {
    const steps = [
      `UPDATE "Incident" SET "killedMin" = "killedMin" + 1, "killedMax" = "killedMax" + 1 WHERE "killedQualifier" = 'EXACT' AND "dateYear" % 2 = 0`,
      `UPDATE "Incident" SET summary = 'revised' WHERE "dateYear" % 3 = 0`,
      `UPDATE "Incident" SET "countryCode" = NULL WHERE "countryCode" = 'BF' AND "dateYear" > 2015`,
      `UPDATE "Incident" SET "dateEarliest" = "dateEarliest" - 400, "dateLatest" = "dateLatest" - 400 WHERE "dateQualifier" = 'EXACT' AND "dateYear" % 5 = 0`,
      `UPDATE "Incident" SET kind = 'BOMBING' WHERE kind = 'ATTACK' AND "dateYear" % 4 = 1`,
      `DELETE FROM "Incident" WHERE "dateYear" % 7 = 0`,
      `DELETE FROM "Incident" WHERE slug = 'rollup-before'`,
    ];
    for (const step of steps) {
      await db.scripts.query(step);
      expect(await rollupDrift(db), step).toBe(0);
    }
    await expectAnswersFromRows(db);
    // No incident left under a key: no row left for it.
    const [empty] = await db.scripts.query<{ n: number }>('SELECT count(*)::int AS n FROM "IncidentRollup" WHERE incidents = 0');
    expect(empty!.n).toBe(0);
    await db.scripts.query('TRUNCATE "Incident" CASCADE');
    expect((await db.scripts.query<{ n: number }>('SELECT count(*)::int AS n FROM "IncidentRollup"'))[0]!.n).toBe(0);
    await db.scripts.query(EDGE_CASES);
    expect(await rollupDrift(db)).toBe(0);
  });
});
