// Incidents, their perpetrators, casualties and money, and the dashboard aggregates.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, createTestDatabase, postQuery, queryData, runQuery, type TestDatabase } from './helpers.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.close());

const INCIDENT_FIELDS = `slug title kind date { iso precision qualifier inferred inference earliest latest year }
  place country coordinates { latitude longitude }
  killed { min max qualifier inferred } injured { min max } targets
  perpetrators { attribution organization { slug } citations { quote } }
  participants { role description person { slug } }`;

async function incident(slug: string) {
  return (await queryData(db, `query($slug: String) { incident(slug: $slug) { ${INCIDENT_FIELDS} } }`, { slug })).incident;
}

async function slugsOf(args: string): Promise<string[]> {
  const data = await queryData(db, `{ incidents(${args}) { totalCount edges { node { slug } } pageInfo { hasNextPage } } }`);
  if (!data.incidents.pageInfo.hasNextPage) expect(data.incidents.totalCount).toBe(data.incidents.edges.length);
  return data.incidents.edges.map((e: { node: { slug: string } }) => e.node.slug);
}

describe('Incident', () => {
  it('carries date precision, casualties (unknown is not zero), targets and attributions', async () => {
    const truck = await incident('2018-11-gao-truck-bomb');
    expect(truck).toMatchObject({
      kind: 'VEHICLE_BOMB', date: { iso: '2018-11', precision: 'MONTH' }, country: 'ML',
      killed: { min: 3, max: 3 }, injured: { min: 30, max: 30 }, targets: ['RESIDENTIAL'], coordinates: null,
    });
    expect(truck.perpetrators).toEqual([
      { attribution: 'CLAIMED', organization: { slug: 'jnim' }, citations: [{ quote: expect.stringContaining('truck bomb') }] },
    ]);
    const base = await incident('2018-06-african-coalition-base-suicide-attack');
    expect(base.killed).toEqual({ min: 6, max: null, qualifier: 'AT_LEAST', inferred: false });
    expect(base.injured).toBeNull();
    const ouaga = await incident('2018-03-02-ouagadougou-attacks');
    expect(ouaga).toMatchObject({ date: { iso: '2018-03-02', precision: 'DAY' }, country: 'BF', killed: null, kind: 'COORDINATED_ATTACK' });
    expect(ouaga.perpetrators[0].attribution).toBe('ATTRIBUTED');
    const indelimane = await incident('indelimane-camp-attack');
    // "on 1 November": the year is the paragraph's ("Since July 2019"), stored as inferred, never silently.
    expect(indelimane).toMatchObject({
      date: { iso: '2019-11-01', precision: 'DAY', inferred: true, inference: expect.stringContaining('Since July 2019') },
      killed: { min: 49, max: 49, qualifier: 'EXACT' },
      perpetrators: [{ organization: { slug: 'isgs' } }],
    });
    expect(truck.date).toMatchObject({ inferred: false, inference: null });
  });

  it('the killing of Bah Ag Moussa: who announced it, who claimed it', async () => {
    const killing = await incident('killing-of-bah-ag-moussa');
    expect(killing.participants).toEqual(
      expect.arrayContaining([
        { role: 'TARGET', description: 'Killed', person: { slug: 'bah-ag-moussa' } },
        expect.objectContaining({ role: 'ANNOUNCER', person: { slug: 'florence-parly' } }),
      ]),
    );
    // "France on 13 November 2020 announced the killing ... during an operation": France claims it, on or before that day.
    expect(killing.perpetrators).toEqual([
      expect.objectContaining({ attribution: 'CLAIMED', organization: { slug: 'france' } }),
    ]);
    expect(killing.date).toMatchObject({ iso: '../2020-11-13', qualifier: 'BEFORE', precision: 'DAY', earliest: null, latest: '2020-11-13', year: null });
  });

  it('the October 2020 release: hostages, 200 prisoners, and the €30 million ransom linked to it', async () => {
    const { incident: release } = await queryData(db, `{
      incident(slug: "2020-10-hostage-release-prisoner-exchange") {
        kind date { iso qualifier }
        participants { role person { slug } }
        estimates { kind min max unit }
        fundingStreams { slug kind organization { slug } estimates { kind min max unit incident { slug } citations { quote attributedTo } } }
        fundingLinks { description citations { attributedTo } }
        sources { title }
      }
    }`);
    expect(release.kind).toBe('PRISONER_EXCHANGE');
    expect(release.date).toEqual({ iso: '2020-10', qualifier: 'APPROXIMATE' });
    expect(release.participants.map((p: { person: { slug: string } }) => p.person.slug).sort()).toEqual(['sophie-petronin', 'soumaila-cisse']);
    expect(release.estimates).toEqual([
      { kind: 'RANSOM', min: 30_000_000, max: 30_000_000, unit: 'EUR' },
      { kind: 'PRISONERS_RELEASED', min: 200, max: 200, unit: 'persons' },
    ]);
    expect(release.fundingStreams).toHaveLength(1);
    const stream = release.fundingStreams[0];
    expect(stream).toMatchObject({ kind: 'KIDNAPPING_FOR_RANSOM', organization: { slug: 'jnim' } });
    expect(stream.estimates).toEqual([
      {
        kind: 'RANSOM', min: 30_000_000, max: 30_000_000, unit: 'EUR',
        incident: { slug: '2020-10-hostage-release-prisoner-exchange' },
        citations: [{ quote: expect.stringContaining('a ransom of €30 million'), attributedTo: 'various sources' }],
      },
    ]);
    expect(release.fundingLinks[0].citations[0].attributedTo).toBe('various sources');
    expect(release.sources).toHaveLength(1);
  });

  it('by global ID or slug; exactly one of them', async () => {
    const { incident: bySlug } = await queryData(db, '{ incident(slug: "2018-07-gao-suicide-bombing") { id slug } }');
    const { incident: byId } = await queryData(db, 'query($id: ID) { incident(id: $id) { slug } }', { id: bySlug.id });
    expect(byId.slug).toBe('2018-07-gao-suicide-bombing');
    expect(await queryData(db, '{ incident(slug: "nothing-here") { slug } }')).toEqual({ incident: null });
    const both = await runQuery(db, `{ incident(slug: "x", id: "${bySlug.id}") { slug } }`);
    expect(both.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const neither = await runQuery(db, '{ incident { slug } }');
    expect(neither.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('Query.incidents', () => {
  it('filters by period, country, perpetrator, attribution, kind, target and minimum killed', async () => {
    expect(await slugsOf('filter: { from: "2018", to: "2018" }, orderBy: DATE_ASC')).toEqual([
      '2018-03-02-ouagadougou-attacks', '2018-06-african-coalition-base-suicide-attack', '2018-07-gao-suicide-bombing', '2018-11-gao-truck-bomb',
    ]);
    expect(await slugsOf('filter: { from: "2018-06-15", to: "2018-07" }')).toEqual(['2018-07-gao-suicide-bombing', '2018-06-african-coalition-base-suicide-attack']);
    expect(await slugsOf('filter: { country: "NE" }')).toEqual(['in-ates-camp-attack']);
    expect((await slugsOf('filter: { perpetrator: "isgs" }')).sort()).toEqual(['in-ates-camp-attack', 'indelimane-camp-attack']);
    expect(await slugsOf('filter: { perpetrator: "jnim", attribution: [CLAIMED] }, orderBy: DATE_ASC')).toEqual([
      '2018-06-african-coalition-base-suicide-attack', '2018-07-gao-suicide-bombing', '2018-11-gao-truck-bomb',
    ]);
    expect(await slugsOf('filter: { kind: [VEHICLE_BOMB, SUICIDE_BOMBING] }, orderBy: DATE_ASC')).toEqual([
      '2018-06-african-coalition-base-suicide-attack', '2018-07-gao-suicide-bombing', '2018-11-gao-truck-bomb',
    ]);
    expect(await slugsOf('filter: { target: [FOREIGN_MILITARY] }')).toEqual(['2018-07-gao-suicide-bombing']);
    expect(await slugsOf('filter: { minKilled: 50 }, orderBy: KILLED_DESC')).toEqual(['2015-11-13-paris-attacks', 'in-ates-camp-attack']);
    expect(await slugsOf('filter: { minKilled: 6, perpetrator: "jnim" }')).toEqual(['2018-06-african-coalition-base-suicide-attack']);
  });

  it('orders newest first by default, oldest first, or deadliest first; unknowns last', async () => {
    const newest = await slugsOf('first: 100');
    // On or before 2020-11-13 sorts by the day it is known by.
    expect(newest.slice(0, 2)).toEqual(['killing-of-bah-ag-moussa', '2020-10-hostage-release-prisoner-exchange']);
    expect(newest.at(-1)).not.toMatch(/^20\d\d/);
    const oldest = await slugsOf('first: 100, orderBy: DATE_ASC');
    expect(oldest.slice(0, 2)).toEqual(['2015-11-13-paris-attacks', '2017-06-bamako-resort-attack']);
    const deadliest = await slugsOf('first: 4, orderBy: KILLED_DESC');
    expect(deadliest).toHaveLength(4);
    expect(deadliest.slice(0, 3)).toEqual(['2015-11-13-paris-attacks', 'in-ates-camp-attack', 'indelimane-camp-attack']);
  });

  it('an organization lists its incidents with its own filters', async () => {
    const { organization } = await queryData(db, `{
      organization(slug: "jnim") {
        all: incidents(first: 100) { totalCount }
        claimed: incidents(filter: { attribution: [CLAIMED], from: "2018-07" }) { totalCount edges { node { slug } } }
      }
    }`);
    expect(organization.all.totalCount).toBe(6);
    expect(organization.claimed.edges.map((e: { node: { slug: string } }) => e.node.slug)).toEqual(['2018-11-gao-truck-bomb', '2018-07-gao-suicide-bombing']);
  });
});

describe('Query.incidentStats', () => {
  it('buckets by year with casualty sums that keep unknown apart from zero', async () => {
    const { incidentStats } = await queryData(db, '{ incidentStats(groupBy: YEAR) { key incidentCount killed { min max } killedUnknownCount injured { min max } } }');
    const byKey = Object.fromEntries(incidentStats.map((b: { key: string | null }) => [b.key, b]));
    expect(byKey['2018']).toEqual({ key: '2018', incidentCount: 4, killed: { min: 9, max: null }, killedUnknownCount: 2, injured: { min: 30, max: 30 } });
    expect(byKey['2017']).toMatchObject({ incidentCount: 1, killed: null, killedUnknownCount: 1 });
    expect(byKey['2015']).toMatchObject({ killed: { min: 130, max: 130 } });
    // Indelimane and In-Atès: years inferred from the paragraph, counted in 2019.
    expect(byKey['2019']).toMatchObject({ incidentCount: 2, killed: { min: 120, max: 120 } });
    const in2019 = await queryData(db, '{ incidents(filter: { from: "2019", to: "2019" }) { edges { node { slug date { inferred } } } } }');
    expect(in2019.incidents.edges.map((e: { node: unknown }) => e.node)).toEqual([
      { slug: 'in-ates-camp-attack', date: { inferred: true } },
      { slug: 'indelimane-camp-attack', date: { inferred: true } },
    ]);
    expect(incidentStats.at(-1).key).toBeNull();
    expect(incidentStats.reduce((n: number, b: { incidentCount: number }) => n + b.incidentCount, 0)).toBe(12);
  });

  it('buckets by country, kind and perpetrator, under the same filters as incidents', async () => {
    const { byCountry, byKind, byPerpetrator } = await queryData(db, `{
      byCountry: incidentStats(groupBy: COUNTRY, filter: { from: "2018", to: "2018" }) { key incidentCount }
      byKind: incidentStats(groupBy: KIND, filter: { perpetrator: "jnim" }) { key incidentCount }
      byPerpetrator: incidentStats(groupBy: PERPETRATOR) { key incidentCount killed { min max } organization { name } }
    }`);
    expect(byCountry).toEqual([{ key: 'BF', incidentCount: 1 }, { key: 'ML', incidentCount: 3 }]);
    expect(byKind).toEqual(expect.arrayContaining([{ key: 'SUICIDE_BOMBING', incidentCount: 2 }, { key: 'VEHICLE_BOMB', incidentCount: 1 }]));
    expect(byKind.reduce((n: number, b: { incidentCount: number }) => n + b.incidentCount, 0)).toBe(6);
    expect(byPerpetrator).toEqual(
      expect.arrayContaining([
        { key: 'isgs', incidentCount: 2, killed: { min: 120, max: 120 }, organization: { name: 'ISGS' } },
        expect.objectContaining({ key: 'jnim', incidentCount: 6, killed: { min: 9, max: null } }),
      ]),
    );
  });

  it('answers at most `first` buckets, those with the most incidents, in key order, and costs them', async () => {
    const all = (await queryData(db, '{ incidentStats(groupBy: PERPETRATOR) { key incidentCount } }')).incidentStats as { key: string; incidentCount: number }[];
    expect(all.length).toBeGreaterThan(2);
    const most = [...all].sort((a, b) => b.incidentCount - a.incidentCount || (a.key < b.key ? -1 : 1));
    expect(most[1]!.incidentCount).toBeGreaterThan(most[2]!.incidentCount);
    const { incidentStats } = await queryData(db, '{ incidentStats(groupBy: PERPETRATOR, first: 2) { key incidentCount } }');
    expect(incidentStats).toEqual(most.slice(0, 2).sort((a, b) => (a.key < b.key ? -1 : 1)));
    const byYear = await queryData(db, '{ incidentStats(groupBy: YEAR, first: 3) { key incidentCount } }');
    expect(byYear.incidentStats).toHaveLength(3);
    for (const first of [0, 1001]) {
      const result = await runQuery(db, `{ incidentStats(groupBy: YEAR, first: ${first}) { key } }`);
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    // Costed as the list it may be: each bucket and its organization.
    const api = createTestApi(db);
    const { body } = await postQuery(api, '{ incidentStats(groupBy: PERPETRATOR) { key organization { name } } }');
    expect((body as { extensions?: { cost?: { requested: number } } }).extensions?.cost?.requested).toBeGreaterThanOrEqual(500);
  });
});
