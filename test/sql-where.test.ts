// The root lists page in raw SQL translated from the Prisma filters (src/resolvers/sql-where.ts):
// for every filter the API can build, the rows and the counts must be Prisma's, in Prisma's order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Prisma } from '../src/generated/prisma/client.js';
import { dateArgument, dateMeetsWhere } from '../src/resolvers/filters.js';
import { incidentOrders, incidentWhere, type IncidentFilter } from '../src/resolvers/incidents.js';
import { organizationWhere, type OrganizationFilter } from '../src/resolvers/organizations.js';
import { sqlKeysetQuery, type SortKey } from '../src/resolvers/pagination.js';
import { personWhere, type PersonFilter } from '../src/resolvers/persons.js';
import { whereSql } from '../src/resolvers/sql-where.js';
import * as tables from '../src/resolvers/tables.js';
import { openDatabase } from '../src/db/client.js';
import { applyMigrations } from '../src/db/migrate.js';
import { dataset } from '../src/seed/data/index.js';
import { loadSeed } from '../src/seed/load.js';
import { createTestDatabase, queryData, type TestDatabase } from './helpers.js';

const byName: SortKey[] = [{ field: 'name', direction: 'asc' }, { field: 'id', direction: 'asc', kind: 'uuid' }];
const prismaOrder = (keys: SortKey[]) =>
  keys.map((k) => ({ [k.field]: k.nullable ? { sort: k.direction, nulls: 'last' } : k.direction }));

describe('filters translated to SQL', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());

  const incidentFilters: IncidentFilter[] = [
    {}, { from: '2018' }, { from: '2018-06', to: '2019' }, { to: '2020-11', includeOpenDates: true }, { country: 'ml' },
    { perpetrator: 'jnim' }, { attribution: ['CLAIMED'] }, { perpetrator: 'jnim', attribution: ['ATTRIBUTED', 'SUSPECTED'] },
    { kind: ['KIDNAPPING', 'ATTACK'] }, { kind: [] }, { kind: ['ATTACK', 'ATTACK'] }, { target: ['MILITARY'] }, { minKilled: 5 }, { source: 'no-such-source' },
  ];
  const organizationFilters: OrganizationFilter[] = [
    {}, { kind: ['COALITION', 'GROUP'] }, { status: ['ACTIVE'] }, { country: 'bf' }, { country: 'ML', areaRole: ['STRONGHOLD'] },
    { designatedBy: ['UNITED_STATES'] }, { componentOf: 'jnim' }, { nameContains: "jama'at" }, { nameContains: '100%_' },
  ];
  const personFilters: PersonFilter[] = [
    {}, { status: ['DECEASED'] }, { nationality: 'ml' }, { organization: 'jnim' }, { role: ['LEADER'] },
    { organization: 'jnim', role: ['LEADER'] }, { designatedBy: ['UN_SECURITY_COUNCIL'] }, { nameContains: 'ghali' },
  ];

  it('incidents: the same rows, order and count as Prisma, for every kind of condition and order', async () => {
    for (const filter of incidentFilters) {
      for (const keys of Object.values(incidentOrders)) {
        const all: SortKey[] = [...keys, { field: 'id', direction: 'asc', kind: 'uuid' }];
        const where = incidentWhere(filter);
        const expected = await db.prisma.incident.findMany({ where, orderBy: prismaOrder(all) as never, take: 50 });
        const query = sqlKeysetQuery(db.scripts, tables.Incident, where, keys);
        const rows = await query.findMany({ where, orderBy: prismaOrder(all), take: 50 });
        expect(rows.map((r) => (r as { slug: string }).slug), JSON.stringify(filter)).toEqual(expected.map((r) => r.slug));
        expect(await query.count(where)).toBe(await db.prisma.incident.count({ where }));
      }
    }
  });

  it('incident stats: for every grouping and filter, the buckets, counts and sums of the incidents Prisma finds', async () => {
    type Bucket = { key: string | null; incidentCount: number; killed: { min: number; max: number | null } | null; killedUnknownCount: number; injured: { min: number; max: number | null } | null; injuredUnknownCount: number };
    // A sum's max is unbounded once one counted incident has no upper bound.
    const sum = (ranges: { min: number | null; max: number | null }[]) => {
      const known = ranges.filter((r) => r.min !== null);
      if (known.length === 0) return null;
      return { min: known.reduce((n, r) => n + r.min!, 0), max: known.every((r) => r.max !== null) ? known.reduce((n, r) => n + r.max!, 0) : null };
    };
    for (const filter of incidentFilters) {
      const incidents = await db.prisma.incident.findMany({
        where: incidentWhere(filter),
        select: { dateYear: true, countryCode: true, kind: true, killedMin: true, killedMax: true, injuredMin: true, injuredMax: true, perpetrators: { select: { organization: { select: { slug: true } } } } },
      });
      const keysOf = {
        YEAR: (i: (typeof incidents)[number]) => [i.dateYear === null ? null : String(i.dateYear)],
        COUNTRY: (i: (typeof incidents)[number]) => [i.countryCode],
        KIND: (i: (typeof incidents)[number]) => [i.kind as string],
        PERPETRATOR: (i: (typeof incidents)[number]) => i.perpetrators.map((p) => p.organization.slug),
      };
      for (const [group, keysOfIncident] of Object.entries(keysOf)) {
        const buckets = new Map<string | null, typeof incidents>();
        for (const incident of incidents) for (const key of keysOfIncident(incident)) buckets.set(key, [...(buckets.get(key) ?? []), incident]);
        const expected = [...buckets].map(([key, list]): Bucket => ({
          key, incidentCount: list.length,
          killed: sum(list.map((i) => ({ min: i.killedMin, max: i.killedMax }))), killedUnknownCount: list.filter((i) => i.killedMin === null).length,
          injured: sum(list.map((i) => ({ min: i.injuredMin, max: i.injuredMax }))), injuredUnknownCount: list.filter((i) => i.injuredMin === null).length,
        })).sort((a, b) => (a.key === null ? 1 : b.key === null ? -1 : a.key.localeCompare(b.key)));
        const { incidentStats } = await queryData<{ incidentStats: Bucket[] }>(db, `query ($filter: IncidentFilter, $group: IncidentStatsGroup!) {
          incidentStats(filter: $filter, groupBy: $group) { key incidentCount killed { min max } killedUnknownCount injured { min max } injuredUnknownCount } }`, { filter, group });
        // Perpetrators' buckets come in the order of their organizations' ids, which the slugs do not show.
        const inOrder = group === 'PERPETRATOR' ? [...incidentStats].sort((a, b) => a.key!.localeCompare(b.key!)) : incidentStats;
        expect(inOrder, `${group} ${JSON.stringify(filter)}`).toEqual(expected);
      }
    }
  });

  it('bounds the sort column by the end of a period without changing which incidents meet it', async () => {
    // The seed holds dates open at either end ("on or before 13 November 2020") and of every precision.
    const periods: [string | null, string | null][] = [
      [null, '2020-11-13'], [null, '2020-11-12'], [null, '2020-11'], [null, '2017'], ['2019-06', '2020-11-13'], ['2013', '2013-01-31'], ['2008', null],
    ];
    const slugs = async (sorted: boolean, from: string | null, to: string | null) =>
      (await db.prisma.incident.findMany({
        where: { AND: dateMeetsWhere('date', dateArgument(from, 'from'), dateArgument(to, 'to'), false, sorted) as Prisma.IncidentWhereInput[] },
        select: { slug: true }, orderBy: { slug: 'asc' },
      })).map((i) => i.slug);
    let matched = 0;
    for (const [from, to] of periods) {
      const expected = await slugs(false, from, to);
      matched += expected.length;
      expect(await slugs(true, from, to), `${from} to ${to}`).toEqual(expected);
    }
    expect(matched).toBeGreaterThan(0);
    const [before] = await db.scripts.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Incident" WHERE "dateQualifier" = 'BEFORE'`);
    expect(before!.n).toBeGreaterThan(0);
  });

  it('organizations and persons likewise', async () => {
    const cases = [
      ...organizationFilters.map((f) => ({ filter: f, spec: tables.Organization, where: organizationWhere(f), prisma: db.prisma.organization })),
      ...personFilters.map((f) => ({ filter: f, spec: tables.Person, where: personWhere(f), prisma: db.prisma.person })),
    ];
    for (const { filter, spec, where, prisma } of cases) {
      const expected = await (prisma as typeof db.prisma.organization).findMany({ where: where as never, orderBy: prismaOrder(byName) as never });
      const query = sqlKeysetQuery(db.scripts, spec, where, byName.slice(0, 1));
      expect((await query.findMany({ where, orderBy: prismaOrder(byName), take: 100 })).map((r) => (r as { slug: string }).slug), JSON.stringify(filter))
        .toEqual(expected.map((r) => r.slug));
      expect(await query.count(where)).toBe(expected.length);
    }
  });

  it('answers list filters on a database migrated after it was opened, as at first start', { timeout: 60_000 }, async () => {
    // Test databases start from a dump and know every enum type when they open; a first start does not.
    const fresh = await openDatabase({ kind: 'pglite-memory' });
    try {
      await applyMigrations(fresh.scripts);
      await loadSeed(fresh.prisma, dataset);
      const data = await queryData(fresh, `{
        organizations(filter: { kind: [COALITION], status: [ACTIVE] }) { edges { node { slug } } }
        incidents(filter: { attribution: [CLAIMED, ATTRIBUTED] }) { totalCount }
      }`);
      expect(data.organizations.edges.map((e: { node: { slug: string } }) => e.node.slug)).toEqual(['jnim']);
      expect(data.incidents.totalCount).toBeGreaterThan(0);
    } finally {
      await fresh.close();
    }
  });

  it('refuses what it does not know rather than mistranslate it', () => {
    expect(() => whereSql(tables.Incident, 't', { title: { startsWith: 'A' } }, [])).toThrow(/unsupported filter operator: startsWith/);
    expect(() => whereSql(tables.Incident, 't', { perpetrators: { every: {} } }, [])).toThrow(/unsupported list relation filter/);
    expect(() => whereSql(tables.Incident, 't', { 'x" OR 1=1 --': 1 }, [])).toThrow(/not a column name/);
  });
});
