// The facts as the sources state them, through the API: qualifiers on numbers, open and inferred
// dates, estimates reachable by query, cited passages searchable, time answered in three values.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePartialDate, type ClosedDate } from '../src/values/partial-date.js';
import { certaintyAt } from '../src/resolvers/temporal.js';
import { createTestDatabase, queryData, runQuery, type TestDatabase } from './helpers.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.close());

type Named = { slug: string };
const slugs = (list: { node: Named }[] | Named[]) => list.map((x) => ('node' in x ? x.node.slug : x.slug));

describe('numbers as the sources give them', () => {
  it('"more than 64 percent", "around 200", "between 1,000 and 2,000", "at least six"', async () => {
    const data = await queryData(db, `{
      jnim: organization(slug: "jnim") { estimates { kind min max qualifier unit } }
      release: incident(slug: "2020-10-hostage-release-prisoner-exchange") { estimates { kind min max qualifier } }
      base: incident(slug: "2018-06-african-coalition-base-suicide-attack") { killed { min max qualifier } }
    }`);
    const byKind = Object.fromEntries(data.jnim.estimates.map((e: { kind: string }) => [e.kind, e]));
    expect(byKind.SHARE_OF_VIOLENCE).toEqual({ kind: 'SHARE_OF_VIOLENCE', min: 64, max: null, qualifier: 'MORE_THAN', unit: 'percent' });
    expect(byKind.FIGHTERS).toMatchObject({ min: 1000, max: 2000, qualifier: 'BETWEEN' });
    expect(data.release.estimates).toEqual(
      expect.arrayContaining([
        { kind: 'PRISONERS_RELEASED', min: 200, max: 200, qualifier: 'APPROXIMATE' },
        { kind: 'RANSOM', min: 30_000_000, max: 30_000_000, qualifier: 'EXACT' },
      ]),
    );
    expect(data.base.killed).toEqual({ min: 6, max: null, qualifier: 'AT_LEAST' });
  });
});

describe('estimates', () => {
  const FIELDS = 'totalCount edges { node { kind country min qualifier periodStart { iso } organization { slug } citations { quote } } }';

  it('reaches every figure, tied to what it is about: the forces killed since July 2019 by country', async () => {
    const { estimates } = await queryData(db, `{ estimates(filter: { kind: [FORCES_KILLED] }) { ${FIELDS} } }`);
    expect(estimates.totalCount).toBe(3);
    const byCountry = Object.fromEntries(estimates.edges.map((e: { node: { country: string } }) => [e.node.country, e.node]));
    expect(byCountry.ML).toMatchObject({
      min: 100, qualifier: 'MORE_THAN', periodStart: { iso: '2019-07' }, organization: { slug: 'mali-defence-and-security-forces' },
    });
    expect(byCountry.NE).toMatchObject({ min: 85, qualifier: 'EXACT', organization: { slug: 'niger-defence-and-security-forces' } });
    expect(byCountry.BF).toMatchObject({ min: 30, qualifier: 'EXACT', organization: { slug: 'burkina-faso-defence-and-security-forces' } });
    expect(byCountry.BF.citations[0].quote).toContain('Since July 2019');
  });

  it('filters by country, subject, kind and period', async () => {
    const count = async (filter: string) => (await queryData(db, `{ estimates(filter: ${filter}) { totalCount } }`)).estimates.totalCount;
    expect(await count('{ country: "ml" }')).toBe(1);
    expect(await count('{ subject: "niger-defence-and-security-forces" }')).toBe(1);
    // JNIM's own figures and the ransom of its kidnapping-for-ransom stream.
    expect(await count('{ subject: "jnim" }')).toBe(4);
    expect(await count('{ subject: "jnim", kind: [RANSOM] }')).toBe(1);
    expect(await count('{ kind: [FORCES_KILLED], from: "2019", to: "2019" }')).toBe(3);
    expect(await count('{ kind: [FORCES_KILLED], to: "2018" }')).toBe(0);
    const all = await queryData(db, '{ estimates(first: 100) { totalCount edges { node { kind } } } }');
    expect(all.estimates.edges).toHaveLength(all.estimates.totalCount);
    const bad = await runQuery(db, '{ estimates(filter: { from: "../2019" }) { totalCount } }');
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('full-text search reads the cited passages', () => {
  it('finds JNIM by a phrase of a passage cited for it ("shadow boxing")', async () => {
    const { search } = await queryData(db, '{ search(query: "shadow boxing", first: 3) { matchKind matchedText entity { ... on Organization { slug } } } }');
    expect(search[0]).toMatchObject({ matchKind: 'FULL_TEXT', entity: { slug: 'jnim' } });
    expect(search[0].matchedText.toLowerCase()).toContain('shadow boxing');
  });

  it('the passage sits on the assessment it supports, not on a figure', async () => {
    const { organization } = await queryData(db, `{ organization(slug: "jnim") {
      structure: assessments(topic: "structure") { citations { quote } }
      estimates(kind: [SHARE_OF_VIOLENCE]) { citations { quote } }
    } }`);
    expect(organization.structure[0].citations.map((c: { quote: string }) => c.quote).join(' ')).toContain('shadow boxing');
    expect(organization.estimates[0].citations.map((c: { quote: string }) => c.quote).join(' ')).not.toContain('shadow boxing');
  });
});

describe('time in three values', () => {
  it('leaders(asOf: "2019") of JNIM’s components: possible where no dates are known, none certain', async () => {
    const { organization } = await queryData(db, `{ organization(slug: "jnim") { components {
      slug
      in2019: leaders(asOf: "2019") { certainty person { slug } }
      certain: leaders(asOf: "2019", certainty: CERTAIN) { person { slug } }
      now: leaders(current: true) { person { slug } }
    } } }`);
    const byComponent = Object.fromEntries(organization.components.map((c: { slug: string }) => [c.slug, c]));
    const leadersIn2019 = (slug: string) => byComponent[slug].in2019.map((m: { person: Named; certainty: string }) => `${m.person.slug} ${m.certainty}`).sort();
    expect(leadersIn2019('katiba-macina')).toEqual(['amadou-koufa POSSIBLE']);
    expect(leadersIn2019('ansar-al-din')).toEqual(['iyad-ag-ghali POSSIBLE']);
    expect(leadersIn2019('al-murabitun')).toEqual(['mohamed-ould-nouini POSSIBLE', 'mokhtar-belmokhtar POSSIBLE']);
    expect(leadersIn2019('aqim-sahara')).toEqual(['ali-maychou POSSIBLE', 'djamel-okcha POSSIBLE']);
    for (const c of organization.components) expect(c.certain).toEqual([]);
    // Reported dead: never a current leader.
    expect(byComponent['aqim-sahara'].now).toEqual([]);
    expect(slugs(byComponent['al-murabitun'].now.map((m: { person: Named }) => m.person))).toEqual(['mokhtar-belmokhtar']);
  });

  it('ties: a known start excludes the years before it', async () => {
    const { organization } = await queryData(db, `{ organization(slug: "jnim") {
      in2016: relations(direction: INCOMING, type: [COMPONENT_OF], asOf: "2016") { from { slug } }
      in2018: relations(direction: INCOMING, type: [COMPONENT_OF], asOf: "2018") { certainty }
    } }`);
    expect(organization.in2016).toEqual([]);
    expect(organization.in2018).toEqual(Array(4).fill({ certainty: 'POSSIBLE' }));
  });

  it('is CERTAIN when the known bounds place it, POSSIBLE when unknown ones leave it open, excluded otherwise', () => {
    const at = parsePartialDate('2019') as ClosedDate;
    const d = (text: string) => parsePartialDate(text);
    expect(certaintyAt(d('2017-03'), d('2020'), at)).toBe('CERTAIN');
    expect(certaintyAt(d('2017-03'), null, at)).toBe('POSSIBLE');
    expect(certaintyAt(null, null, at)).toBe('POSSIBLE');
    expect(certaintyAt(d('2020'), null, at)).toBeNull();
    expect(certaintyAt(null, d('2018'), at)).toBeNull();
    expect(certaintyAt(d('2017'), d('2019-06/..'), at)).toBe('CERTAIN');
    expect(certaintyAt(d('../2018-01'), d('2021'), at)).toBe('CERTAIN');
    // Dead before the period, whatever the role's dates say.
    expect(certaintyAt(d('2015'), null, at, { died: d('2018'), deceased: true })).toBeNull();
    expect(certaintyAt(d('2015'), null, at, { died: d('../2020-11-13'), deceased: true })).toBe('POSSIBLE');
  });

  it('rejects asOf with current, certainty alone, and an open asOf', async () => {
    for (const args of ['asOf: "2019", current: true', 'certainty: CERTAIN', 'asOf: "2019/.."']) {
      const result = await runQuery(db, `{ organization(slug: "jnim") { leaders(${args}) { role } } }`);
      expect(result.errors?.[0]?.extensions?.code, args).toBe('BAD_USER_INPUT');
    }
  });
});

describe('the UN entries on file', () => {
  it('Iyad ag Ghali leads Ansar Eddine ("Founder and leader", QDi.316); Mokhtar Belmokhtar al-Mourabitoun', async () => {
    const data = await queryData(db, `{
      ansar: organization(slug: "ansar-al-din") { leaders { person { slug } citations { quote locator } } }
      murabitun: organization(slug: "al-murabitun") { leaders { person { slug externalIds { value } } } }
    }`);
    expect(data.ansar.leaders).toEqual([
      { person: { slug: 'iyad-ag-ghali' }, citations: [{ quote: 'Founder and leader of Ansar Eddine (QDe.135).', locator: 'INDIVIDUAL QDi.316, COMMENTS1' }] },
    ]);
    expect(data.murabitun.leaders).toEqual(
      expect.arrayContaining([{ person: { slug: 'mokhtar-belmokhtar', externalIds: [{ value: 'QDi.136' }] } }]),
    );
  });
});

describe('name filters normalise as search does', () => {
  it('"Jama\'at" finds the name stored with ’; accents and hyphens fold', async () => {
    const find = async (text: string) =>
      slugs((await queryData(db, 'query($t: String) { organizations(filter: { nameContains: $t }) { edges { node { slug } } } }', { t: text })).organizations.edges);
    expect(await find("Jama'at")).toEqual(['jnim']);
    expect(await find('al qaïda au maghreb')).toEqual(['aqim']);
    expect(slugs((await queryData(db, '{ persons(filter: { nameContains: "petronin" }) { edges { node { slug } } } }')).persons.edges)).toEqual(['sophie-petronin']);
  });

  it('caps the filter at 200 characters once normalised', async () => {
    const result = await runQuery(db, 'query($t: String) { organizations(filter: { nameContains: $t }) { totalCount } }', { t: 'a'.repeat(5_000_000) });
    expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'filter.nameContains' } });
  });
});
