import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, queryData, type TestDatabase } from './helpers.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.close());

describe('Person', () => {
  it('Bah Ag Moussa: names, status, roles with who said so, listings, incidents', async () => {
    const { person } = await queryData(db, `{
      person(slug: "bah-ag-moussa") {
        name status nationality born { iso } died { iso qualifier latest } biography
        aliases { name kind quality }
        memberships { role title organization { slug } citations { attributedTo quote } }
        designations { authority reference listed { iso } }
        incidents { role incident { slug } }
        externalIds { scheme value }
      }
    }`);
    // "France on 13 November 2020 announced the killing": died on or before that day.
    expect(person).toMatchObject({
      name: 'Bah Ag Moussa', status: 'DECEASED', nationality: 'ML', born: null,
      died: { iso: '../2020-11-13', qualifier: 'BEFORE', latest: '2020-11-13' },
    });
    expect(person.aliases).toEqual(expect.arrayContaining([{ name: 'Bamoussa Diarra', kind: 'ALTERNATIVE_NAME', quality: 'STRONG' }]));
    expect(person.aliases).toEqual(expect.arrayContaining([{ name: 'Ag Moussa', kind: 'SPELLING_VARIANT', quality: 'WEAK' }]));
    const commander = person.memberships.find((m: { role: string }) => m.role === 'MILITARY_COMMANDER');
    expect(commander.organization.slug).toBe('jnim');
    expect(commander.citations.map((c: { attributedTo: string | null }) => c.attributedTo)).toContain('French Defence Minister Florence Parly');
    expect(person.designations).toEqual(
      expect.arrayContaining([
        { authority: 'UN_SECURITY_COUNCIL', reference: 'QDi.424', listed: { iso: '2019-08-14' } },
        { authority: 'UNITED_STATES', reference: null, listed: null },
      ]),
    );
    expect(person.incidents).toEqual([{ role: 'TARGET', incident: { slug: 'killing-of-bah-ag-moussa' } }]);
  });

  it('birth dates keep their qualifier: exact year vs approximately', async () => {
    const { ghali, koufa } = await queryData(db, `{
      ghali: person(slug: "iyad-ag-ghali") { born { iso precision qualifier } designations { reference listed { iso } } }
      koufa: person(slug: "amadou-koufa") { born { iso precision qualifier } memberships { role organization { slug } } }
    }`);
    expect(ghali.born).toEqual({ iso: '1958', precision: 'YEAR', qualifier: 'EXACT' });
    expect(ghali.designations).toEqual([{ reference: 'QDi.316', listed: { iso: '2013-02-25' } }]);
    expect(koufa.born).toEqual({ iso: '1958', precision: 'YEAR', qualifier: 'APPROXIMATE' });
    expect(koufa.memberships).toEqual(
      expect.arrayContaining([
        { role: 'LIEUTENANT', organization: { slug: 'jnim' } },
        { role: 'LEADER', organization: { slug: 'katiba-macina' } },
      ]),
    );
  });

  it('the deaths of AQIM leaders', async () => {
    const { persons } = await queryData(db, '{ persons(filter: { status: [DECEASED], role: [LEADER] }) { edges { node { slug memberships { organization { slug } } } } } }');
    expect(persons.edges.map((e: { node: { slug: string } }) => e.node.slug).sort()).toEqual([
      'abdekmalek-droukdel', 'ali-maychou', 'djamel-okcha', 'mohamed-ould-nouini',
    ]);
  });
});

describe('Query.persons', () => {
  const slugs = async (args: string) =>
    ((await queryData(db, `{ persons(${args}) { totalCount edges { node { slug } } } }`)).persons.edges as { node: { slug: string } }[]).map(
      (e) => e.node.slug,
    );

  it('filters by organization, role, status, nationality, listing and name', async () => {
    expect((await slugs('filter: { organization: "jnim" }')).sort()).toEqual(['ali-maychou', 'amadou-koufa', 'bah-ag-moussa', 'iyad-ag-ghali']);
    expect(await slugs('filter: { organization: "jnim", role: [LEADER] }')).toEqual(['iyad-ag-ghali']);
    expect((await slugs('filter: { nationality: "fr" }')).sort()).toEqual(['florence-parly', 'sophie-petronin']);
    expect((await slugs('filter: { designatedBy: [UNITED_STATES] }'))).toEqual(['bah-ag-moussa']);
    expect(await slugs('filter: { nameContains: "Kouffa" }')).toEqual(['amadou-koufa']);
    expect(await slugs('filter: { nameContains: "Bamoussa" }')).toEqual(['bah-ag-moussa']);
  });

  it('sorts by name or birth date', async () => {
    const asc = await slugs('first: 100');
    expect(await slugs('first: 100, orderBy: NAME_DESC')).toEqual([...asc].reverse());
    expect((await slugs('first: 2, orderBy: BORN_ASC')).sort()).toEqual(['amadou-koufa', 'iyad-ag-ghali']);
  });
});
