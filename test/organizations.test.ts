// The seed's facts about organizations, asked for as an analyst would.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, queryData, runQuery, type TestDatabase } from './helpers.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.close());

type Named = { slug: string };
const slugs = (list: Named[]) => list.map((o) => o.slug).sort();

describe('Organization', () => {
  it('JNIM: names, founding and every alias the source gives, with passages', async () => {
    const { organization } = await queryData(db, `{
      organization(slug: "jnim") {
        name kind status summary ideology
        founded { iso precision qualifier year month day earliest latest }
        aliases { name kind language quality citations { quote source { title publisher } } }
        acronyms: aliases(kind: [ACRONYM]) { name }
        arabic: aliases(language: "ar") { name }
      }
    }`);
    expect(organization.name).toBe('Jama’at Nusrat al-Islam wal-Muslimin');
    expect(organization.kind).toBe('COALITION');
    expect(organization.founded).toEqual({
      iso: '2017-03', precision: 'MONTH', qualifier: 'EXACT', year: 2017, month: 3, day: null, earliest: '2017-03-01', latest: '2017-03-31',
    });
    expect(organization.aliases.map((a: { name: string }) => a.name)).toEqual(
      expect.arrayContaining([
        'JNIM', 'GSIM', 'Group for the Support of Islam and Muslims', 'Group to Support Islam and Muslims',
        'Jamaat Nosrat al-Islam wal-Mouslimin', 'Nusrat al-Islam wal-Muslimeen', 'Jama’a Nusrat ul-Islam wa al-Muslimin',
      ]),
    );
    for (const alias of organization.aliases) expect(alias.citations.length).toBeGreaterThan(0);
    expect(organization.acronyms.map((a: { name: string }) => a.name).sort()).toEqual(['GSIM', 'JNIM']);
    expect(organization.arabic.length).toBeGreaterThan(3);
    expect(organization.ideology).toMatch(/Salafi/);
  });

  it('JNIM: its four founding components since March 2017, each cited', async () => {
    const { organization } = await queryData(db, `{
      organization(slug: "jnim") {
        components { slug name memberOf { slug } }
        incoming: relations(type: [COMPONENT_OF], direction: INCOMING) { from { slug } start { iso } citations { quote } }
      }
    }`);
    expect(slugs(organization.components)).toEqual(['al-murabitun', 'ansar-al-din', 'aqim-sahara', 'katiba-macina']);
    for (const c of organization.components) expect(slugs(c.memberOf)).toEqual(['jnim']);
    expect(organization.incoming).toHaveLength(4);
    for (const r of organization.incoming) {
      expect(r.start.iso).toBe('2017-03');
      expect(r.citations[0].quote).toContain('announced that they had merged');
    }
  });

  it('JNIM: its components’ summaries and ideologies, and their leaders’ biographies, read by relation, are the stored texts', async () => {
    const data = await queryData<{ organization: { components: { slug: string; summary: string | null; ideology: string | null; leaders: { person: { slug: string; biography: string | null } }[] }[] } }>(
      db, '{ organization(slug: "jnim") { components { slug summary ideology leaders { person { slug biography } } } } }',
    );
    const components = data.organization.components;
    const stored = await Promise.all(components.map((c) => db.prisma.organization.findUniqueOrThrow({ where: { slug: c.slug } })));
    expect(components.map((c) => [c.summary, c.ideology])).toEqual(stored.map((o) => [o.summary, o.ideology]));
    expect(components.filter((c) => c.summary).length).toBeGreaterThan(0);
    const leaders = components.flatMap((c) => c.leaders.map((l) => l.person));
    const people = await Promise.all(leaders.map((p) => db.prisma.person.findUniqueOrThrow({ where: { slug: p.slug } })));
    expect(leaders.map((p) => p.biography)).toEqual(people.map((p) => p.biography));
  });

  it('JNIM: its leader, his allegiances, and who led when, with how certain the dates make it', async () => {
    const { organization } = await queryData(db, `{
      organization(slug: "jnim") {
        leaders(current: true) { role title person { slug name } start { iso precision } end { iso } certainty citations { quote } }
        in2018: leaders(asOf: "2019-06") { person { slug } certainty }
        certainIn2019: leaders(asOf: "2019-06", certainty: CERTAIN) { person { slug } }
        all: leaders { certainty }
        allegiances { to { slug } description citations { quote } }
        members(role: [MILITARY_COMMANDER]) { totalCount edges { node { person { slug } citations { attributedTo } } } }
      }
    }`);
    expect(organization.leaders).toHaveLength(1);
    // No passage dates his leadership: in post today and in 2019 is possible, not certain.
    expect(organization.leaders[0]).toMatchObject({ role: 'LEADER', person: { slug: 'iyad-ag-ghali' }, start: null, end: null, certainty: 'POSSIBLE' });
    expect(organization.leaders[0].citations.map((c: { quote: string }) => c.quote)).toContain('JNIM was led by Iyad ag Ghali.');
    expect(organization.in2018).toEqual([{ person: { slug: 'iyad-ag-ghali' }, certainty: 'POSSIBLE' }]);
    expect(organization.certainIn2019).toEqual([]);
    expect(organization.all).toEqual([{ certainty: null }]);
    expect(organization.allegiances.map((r: { to: Named }) => r.to.slug).sort()).toEqual(['al-qaida', 'aqim', 'taliban']);
    expect(organization.allegiances[0].citations[0].quote).toContain('pledged the group’s allegiance');
    expect(organization.members.totalCount).toBe(1);
    expect(organization.members.edges[0].node.person.slug).toBe('bah-ag-moussa');
    expect(organization.members.edges[0].node.citations.map((c: { attributedTo: string | null }) => c.attributedTo)).toContain(
      'French Defence Minister Florence Parly',
    );
  });

  it('JNIM: designations (QDe.159, the 2018 FTO), estimates, areas, funding and assessments', async () => {
    const { organization } = await queryData(db, `{
      organization(slug: "jnim") {
        designations { authority program reference listed { iso precision } }
        un: designations(authority: [UN_SECURITY_COUNCIL]) { reference }
        estimates { kind min max unit scope asOf { iso } periodStart { iso } citations { quote attributedTo } }
        fighters: estimates(kind: [FIGHTERS]) { min max unit }
        areas { country region role }
        threatened: areas(role: [THREATENED]) { country }
        fundingStreams { kind significance }
        externalIds { scheme value }
        assessments { topic statement }
        structure: assessments(topic: "structure") { citations { quote } }
      }
    }`);
    expect(organization.designations).toEqual(
      expect.arrayContaining([
        { authority: 'UN_SECURITY_COUNCIL', program: 'ISIL (Da’esh) and Al-Qaida Sanctions List', reference: 'QDe.159', listed: { iso: '2018-10-04', precision: 'DAY' } },
        { authority: 'UNITED_STATES', program: 'Foreign Terrorist Organization', reference: null, listed: { iso: '2018-09-06', precision: 'DAY' } },
      ]),
    );
    expect(organization.un).toEqual([{ reference: 'QDe.159' }]);
    expect(organization.fighters).toEqual([{ min: 1000, max: 2000, unit: 'fighters' }]);
    const revenue = organization.estimates.find((e: { kind: string }) => e.kind === 'ANNUAL_REVENUE');
    expect(revenue).toMatchObject({ min: 18_000_000, max: 35_000_000, unit: 'USD' });
    expect(revenue.citations[0].attributedTo).toBe('experts');
    const share = organization.estimates.find((e: { kind: string }) => e.kind === 'SHARE_OF_VIOLENCE');
    expect(share).toMatchObject({ min: 64, max: null, unit: 'percent', periodStart: { iso: '2017' }, asOf: null });
    expect(organization.areas).toEqual(expect.arrayContaining([{ country: 'ML', region: null, role: 'BASE' }]));
    expect(organization.threatened.map((a: { country: string }) => a.country).sort()).toEqual(['BJ', 'CI', 'GH', 'GN', 'SN', 'TG']);
    expect(organization.fundingStreams.map((f: { kind: string }) => f.kind).sort()).toEqual([
      'ARTISANAL_MINING', 'KIDNAPPING_FOR_RANSOM', 'SMUGGLING', 'TAXATION', 'TRAFFICKING_TAX', 'TRANSIT_EXTORTION',
    ]);
    expect(organization.fundingStreams[0].significance).toBe('PRIMARY');
    expect(organization.externalIds).toEqual([{ scheme: 'UN_REFERENCE', value: 'QDe.159' }]);
    expect(organization.structure[0].citations.map((c: { quote: string }) => c.quote).join(' ')).toContain('unitary organization');
  });

  it('JNIM: one timeline of founding, mergers, leadership, designations and incidents, in date order', async () => {
    const { organization } = await queryData(db, `{
      organization(slug: "jnim") {
        timeline { kind date { iso earliest } description incident { slug } designation { reference } person { slug } organization { slug } }
        dated: timeline(includeUndated: false) { kind }
      }
    }`);
    const events = organization.timeline as { kind: string; date: { iso: string; earliest: string } | null }[];
    expect(events[0]).toMatchObject({ kind: 'FOUNDED', date: { iso: '2017-03' } });
    const kinds = new Set(events.map((e) => e.kind));
    for (const kind of ['FOUNDED', 'COMPONENT_JOINED', 'LEADERSHIP_STARTED', 'DESIGNATED', 'INCIDENT']) expect(kinds).toContain(kind);
    const dated = events.filter((e) => e.date).map((e) => e.date!.earliest);
    expect(dated).toEqual([...dated].sort());
    const firstUndated = events.findIndex((e) => !e.date);
    if (firstUndated >= 0) expect(events.slice(firstUndated).every((e) => !e.date)).toBe(true);
    expect(organization.dated.length).toBe(dated.length);
    expect(events.find((e) => e.kind === 'DESIGNATED' && e.date?.iso === '2018-09-06')).toBeTruthy();
  });

  it('the timeline is bounded: first or last N of the whole, a period, some kinds; the same order as the whole', async () => {
    const timeline = async (args: string) =>
      ((await queryData(db, `{ organization(slug: "jnim") { timeline${args} { kind description date { iso } } } }`)).organization.timeline as {
        kind: string; description: string; date: { iso: string } | null;
      }[]);
    const all = await timeline('(first: 500)');
    expect(all.length).toBeGreaterThan(6);
    expect(await timeline('(first: 5)')).toEqual(all.slice(0, 5));
    expect(await timeline('(last: 4)')).toEqual(all.slice(-4));
    // Incidents are cut in SQL; asked for alone, the window is still the whole's incidents in order.
    const incidents = all.filter((e) => e.kind === 'INCIDENT');
    expect(await timeline('(kinds: [INCIDENT], first: 3)')).toEqual(incidents.slice(0, 3));
    expect(await timeline('(kinds: [INCIDENT], last: 2)')).toEqual(incidents.slice(-2));
    const in2018 = await timeline('(from: "2018", to: "2018")');
    expect(in2018.length).toBeGreaterThan(0);
    expect(in2018.every((e) => e.date && e.date.iso.startsWith('2018'))).toBe(true);
    expect(in2018).toEqual(all.filter((e) => e.date?.iso.startsWith('2018')));
    for (const [args, argument] of [['(first: 501)', 'first'], ['(first: 1, last: 1)', 'last'], ['(from: "2020", to: "2019")', 'from']]) {
      const result = await runQuery(db, `{ organization(slug: "jnim") { timeline${args} { kind } } }`);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
    }
  });

  it('a missing organization is null, not an error', async () => {
    expect(await queryData(db, '{ organization(slug: "no-such-group") { name } }')).toEqual({ organization: null });
  });
});

describe('Query.organizations', () => {
  const list = async (args: string) =>
    (await queryData(db, `{ organizations(${args}) { totalCount edges { node { slug } } } }`)).organizations as {
      totalCount: number;
      edges: { node: Named }[];
    };

  it('filters by membership of a coalition, kind, status, country, designating authority and name', async () => {
    expect(slugs((await list('filter: { componentOf: "jnim" }')).edges.map((e) => e.node))).toEqual([
      'al-murabitun', 'ansar-al-din', 'aqim-sahara', 'katiba-macina',
    ]);
    expect((await list('filter: { kind: [COALITION] }')).edges.map((e) => e.node.slug)).toEqual(['jnim']);
    expect(slugs((await list('filter: { country: "BF" }')).edges.map((e) => e.node))).toEqual(['ansarul-islam', 'isgs', 'jnim', 'katiba-macina']);
    expect(slugs((await list('filter: { country: "ml", areaRole: [STRONGHOLD] }')).edges.map((e) => e.node))).toEqual(['isgs', 'jnim', 'katiba-macina']);
    expect((await list('filter: { designatedBy: [UNITED_STATES] }')).edges.map((e) => e.node.slug)).toEqual(['jnim']);
    expect(slugs((await list('filter: { status: [UNKNOWN], componentOf: "jnim" }')).edges.map((e) => e.node))).toEqual([
      'al-murabitun', 'ansar-al-din', 'aqim-sahara',
    ]);
    expect((await list('filter: { nameContains: "mourabitoun" }')).edges.map((e) => e.node.slug)).toEqual(['al-murabitun']);
    const none = await list('filter: { componentOf: "isgs" }');
    expect(none).toEqual({ totalCount: 0, edges: [] });
  });

  it('sorts by name either way and by founding date with unknown dates last', async () => {
    const asc = (await list('first: 100')).edges.map((e) => e.node.slug);
    const desc = (await list('first: 100, orderBy: NAME_DESC')).edges.map((e) => e.node.slug);
    expect(desc).toEqual([...asc].reverse());
    const founded = (await list('first: 3, orderBy: FOUNDED_ASC')).edges.map((e) => e.node.slug);
    expect(founded).toEqual(['ansar-al-din', 'al-murabitun', 'jnim']);
    const newest = (await list('first: 1, orderBy: FOUNDED_DESC')).edges.map((e) => e.node.slug);
    expect(newest).toEqual(['jnim']);
  });
});
