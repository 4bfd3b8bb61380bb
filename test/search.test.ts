// Query.search and Query.resolveEntity: behaviour a client relies on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, createTestDatabase, postQuery, queryData, runQuery, type TestDatabase } from './helpers.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.close());

interface SearchHit {
  score: number;
  matchKind: string;
  matchedText: string;
  entity: { __typename: string; slug: string };
}

const SEARCH = `query($q: String!, $types: [SearchType!], $first: Int) {
  search(query: $q, types: $types, first: $first) {
    score matchKind matchedText
    entity { __typename ... on Organization { slug } ... on Person { slug } ... on Incident { slug } ... on Source { slug } }
  }
}`;

async function search(q: string, extra: { types?: string[]; first?: number } = {}): Promise<SearchHit[]> {
  return (await queryData(db, SEARCH, { q, ...extra })).search;
}

describe('Query.search', () => {
  it('finds a group whatever the spelling, with a score and the reason', async () => {
    const [hit] = await search('Jamaat Nosrat al-Islam wal-Mouslimin');
    expect(hit).toMatchObject({ matchKind: 'ALIAS', entity: { __typename: 'Organization', slug: 'jnim' } });
    expect(hit!.score).toBeGreaterThan(0.9);
    const [acronym] = await search('J.N.I.M.');
    expect(acronym).toMatchObject({ matchKind: 'ACRONYM', entity: { slug: 'jnim' } });
    const [variant] = await search('Iyad Ag Ghaly');
    expect(variant).toMatchObject({ matchKind: 'PHONETIC', entity: { __typename: 'Person', slug: 'iyad-ag-ghali' } });
  });

  it('ranks an exact name above an alias above a fuzzy match', async () => {
    const [exact] = await search('Katiba Macina');
    const [alias] = await search('Macina Liberation Front');
    const [fuzzy] = await search('Macina Liberation Frnt');
    expect(exact).toMatchObject({ matchKind: 'EXACT', score: 1, entity: { slug: 'katiba-macina' } });
    expect(alias).toMatchObject({ matchKind: 'ALIAS', entity: { slug: 'katiba-macina' } });
    expect(fuzzy).toMatchObject({ matchKind: 'FUZZY', entity: { slug: 'katiba-macina' } });
    expect(exact!.score).toBeGreaterThan(alias!.score);
    expect(alias!.score).toBeGreaterThan(fuzzy!.score);
  });

  it('type-ahead works from the third character; two letters only match exactly', async () => {
    const three = await search('Nus');
    expect(three[0]).toMatchObject({ matchKind: 'PREFIX', entity: { slug: 'jnim' } });
    expect(await search('Ka')).toEqual([]);
    expect(await search('Ma')).toEqual([]);
  });

  it('full text covers summaries, biographies and incident accounts', async () => {
    const hits = await search('ransom');
    expect(hits.some((h) => h.matchKind === 'FULL_TEXT' && h.entity.slug === '2020-10-hostage-release-prisoner-exchange')).toBe(true);
    const tuareg = await search('Tuareg rebellions', { types: ['PERSON'] });
    expect(tuareg[0]).toMatchObject({ matchKind: 'FULL_TEXT', entity: { slug: 'bah-ag-moussa' } });
    expect(tuareg[0]!.matchedText).toMatch(/Tuareg rebellions/);
  });

  // 67 repeated words once held the database 2 s in ts_headline at a cost of 48; the work is bounded by
  // the query's distinct words (at most 8), and so is the cost.
  it('counts a repeated word once, reads at most 8 distinct words, and costs by the words it sends', async () => {
    expect(await search(Array(67).fill('al').join(' '), { first: 50 })).toEqual(await search('al', { first: 50 }));
    expect(await search(Array(10).fill('tuareg rebellions').join(' '), { types: ['PERSON'] })).toEqual(await search('Tuareg rebellions', { types: ['PERSON'] }));
    const api = createTestApi(db);
    const cost = async (q: string) => (await postQuery(api, SEARCH, { q, first: 10 })).body as { extensions: { cost: { requested: number } } };
    // The hits' selection, then `first` (10) for each distinct word.
    const one = (await cost('tuareg')).extensions.cost.requested;
    expect((await cost('tuareg rebellions tuareg rebellions')).extensions.cost.requested).toBe(one + 10);
    const words = 'one two three four five six seven eight nine ten eleven twelve'.split(' ');
    expect((await cost(words.join(' '))).extensions.cost.requested).toBe(one + 70);
    // The ninth word on is not asked of the database: the answer is that of the first eight.
    expect(await search(words.join(' '))).toEqual(await search(words.slice(0, 8).join(' ')));
  });

  it('filters by type, honours `first`, and returns equal scores in a stable order', async () => {
    const people = await search('Pétronin', { types: ['PERSON'] });
    expect(people.every((h) => h.entity.__typename === 'Person')).toBe(true);
    const some = await search('al', { first: 50 });
    expect(some.length).toBeLessThanOrEqual(50);
    const many = await search('Islam', { first: 20 });
    expect(many.length).toBeGreaterThan(1);
    expect(await search('Islam', { first: 20 })).toEqual(many);
    for (let i = 1; i < many.length; i++) expect(many[i - 1]!.score).toBeGreaterThanOrEqual(many[i]!.score);
  });

  it('finds nothing for names we do not hold', async () => {
    expect((await search('Boko Haram')).filter((h) => h.score >= 0.85)).toEqual([]);
  });

  it.each([
    ['{ search(query: "jnim", first: 0) { score } }', 'first'],
    ['{ search(query: "jnim", first: 51) { score } }', 'first'],
    [`{ search(query: "${'x'.repeat(201)}") { score } }`, 'query'],
    ['{ resolveEntity(name: "JNIM", context: { date: "soon" }) { match { score } } }', 'context.date'],
    [`{ resolveEntity(name: "${'x'.repeat(201)}") { match { score } } }`, 'name'],
  ])('rejects bad arguments: %s', async (query, argument) => {
    const result = await runQuery(db, query);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
  });
});

const RESOLVE = `query($name: String!, $type: SearchType, $country: String, $date: String) {
  resolveEntity(name: $name, type: $type, context: { country: $country, date: $date }) {
    match { score matchKind explanation entity { ... on Organization { slug } ... on Person { slug } } }
    candidates { score isConfident explanation entity { ... on Organization { slug } ... on Person { slug } } }
  }
}`;

describe('Query.resolveEntity', () => {
  it('flags a confident single match and explains it', async () => {
    const { resolveEntity } = await queryData(db, RESOLVE, { name: 'Groupe to Support Islam and Muslims' });
    const { resolveEntity: exact } = await queryData(db, RESOLVE, { name: 'GSIM', type: 'ORGANIZATION' });
    expect(exact.match).toMatchObject({ matchKind: 'ACRONYM', entity: { slug: 'jnim' } });
    expect(exact.match.explanation).toContain('"GSIM" is its acronym');
    expect(resolveEntity.candidates[0].entity.slug).toBe('jnim');
  });

  it('never lets a weak name decide alone', async () => {
    const { resolveEntity } = await queryData(db, RESOLVE, { name: 'Ghali' });
    expect(resolveEntity.match).toBeNull();
    expect(resolveEntity.candidates[0]).toMatchObject({ isConfident: false, entity: { slug: 'iyad-ag-ghali' } });
    expect(resolveEntity.candidates[0].explanation).toContain('weak');
  });

  it('uses where and when the name was seen', async () => {
    const inMali = (await queryData(db, RESOLVE, { name: 'Jamaat Nusrat al-Islam wal-Muslimin', country: 'ML' })).resolveEntity;
    const inFrance = (await queryData(db, RESOLVE, { name: 'Jamaat Nusrat al-Islam wal-Muslimin', country: 'FR' })).resolveEntity;
    expect(inMali.candidates[0].score).toBeGreaterThan(inFrance.candidates[0].score);
    expect(inFrance.candidates[0].explanation).toContain('not known in FR');
    const before = (await queryData(db, RESOLVE, { name: 'JNIM', date: '2012' })).resolveEntity;
    expect(before.candidates[0].explanation).toContain('did not exist yet');
    expect(before.match).toBeNull();
  });

  it('tells a new entity from a known one', async () => {
    const { resolveEntity } = await queryData(db, RESOLVE, { name: 'Adnan Abu Walid al-Sahrawi', type: 'PERSON' });
    expect(resolveEntity.match).toBeNull();
  });
});
