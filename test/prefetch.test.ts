// The relations a root list's selection reaches are fetched in one statement, with only the columns the
// selected fields read (src/resolvers/prefetch.ts). Every answer must be the one the loaders give alone.
import { execute, graphql, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextFactory } from '../src/context.js';
import { schema } from '../src/schema/index.js';
import { EXAMPLE_QUERY } from '../src/http/yoga.js';
import { loadSeed } from '../src/seed/load.js';
import { syntheticDataset } from '../bench/synthetic-graph.js';
import { countQueries, createTestDatabase, type TestDatabase } from './helpers.js';

const DATE = 'iso precision qualifier earliest latest inferred inference';
const CITATIONS = `citations { quote locator attributedTo source { id slug title publisher url kind published { ${DATE} } description format sha256 importedAt citationCount } }`;
const ALIASES = `aliases { name kind language quality ${CITATIONS} }`;
const PERSON = `id slug name status nationality biography born { ${DATE} } died { ${DATE} } ${ALIASES} ${CITATIONS}
  designations { authority reference listed { iso } organization { slug } ${CITATIONS} }
  memberships { role title start { ${DATE} } end { ${DATE} } certainty organization { slug name } }
  now: memberships(current: true) { role certainty organization { slug } }
  then: memberships(asOf: "2015", role: [LEADER]) { certainty organization { slug } }`;
const MEMBERSHIP = `role title certainty start { ${DATE} } end { ${DATE} } ${CITATIONS} person { ${PERSON} } organization { slug kind }`;
const RELATION = `type description certainty start { ${DATE} } end { ${DATE} } ${CITATIONS} from { slug name } to { slug name founded { iso } }`;
/** Every field of an organization the plans narrow or follow, and some they do not (estimates, timeline). */
const ORGANIZATION = `id slug name kind status summary ideology founded { ${DATE} } dissolved { ${DATE} } ${ALIASES} ${CITATIONS}
  arabic: aliases(language: "ar") { name }
  acronyms: aliases(kind: [ACRONYM]) { name }
  leaders { ${MEMBERSHIP} }
  current: leaders(current: true) { certainty person { slug name died { iso } } }
  in2019: leaders(asOf: "2019", certainty: CERTAIN) { certainty start { iso } person { slug } }
  components { slug name founded { iso } areas { country role } leaders { person { name aliases { name } } }
    components { slug leaders { title person { slug } } } }
  deep: components(transitive: true) { slug summary }
  memberOf { slug name components { slug } }
  relations { ${RELATION} }
  incoming: relations(direction: INCOMING, type: [COMPONENT_OF]) { type from { slug } }
  past: relations(asOf: "2012") { type certainty from { slug } to { slug } }
  allegiances { type to { slug name } start { iso } }
  areas { country region role start { ${DATE} } end { ${DATE} } certainty ${CITATIONS} }
  bases: areas(current: true, role: [BASE]) { country certainty }
  in2015: areas(asOf: "2015") { country role certainty }
  designations { id authority program reference listed { ${DATE} } delisted { ${DATE} } organization { slug } person { slug } ${CITATIONS} }
  american: designations(authority: [UNITED_STATES]) { reference listed { iso } }
  estimates { kind min max }
  timeline(first: 5) { kind }`;

const QUERIES: Record<string, string> = {
  'organizations, every field the plans cover': `{ organizations(first: 100) { edges { node { ${ORGANIZATION} } } } }`,
  'one organization, through fragments': `query { organization(slug: "jnim") { ...Org ... on Organization { components { ...Org } } } }
    fragment Org on Organization { ${ORGANIZATION} }`,
  'persons': `{ persons(first: 100) { edges { node { ${PERSON} } } } }`,
  'one person': `{ person(slug: "iyad-ag-ghali") { ${PERSON} } }`,
  'incidents': `{ incidents(first: 100) { totalCount edges { cursor node { id slug title date { ${DATE} } place adminRegion country coordinates { latitude longitude }
    kind summary revisedAt targets killed { min max qualifier inference } injured { min max qualifier inference } ${CITATIONS}
    perpetrators { attribution ${CITATIONS} incident { slug } organization { slug name kind leaders { person { name } } ${ALIASES} } } } } } }`,
  'one incident': `{ incident(slug: "2018-03-02-ouagadougou-attacks") { slug perpetrators { attribution organization { slug name } } ${CITATIONS} } }`,
  // Two root fields on the same cached row, each with its own columns: neither may see the other's rows.
  'the same organization twice, with other columns': `{
    a: organization(slug: "jnim") { components { name } relations { from { summary } } }
    b: organization(slug: "jnim") { components { founded { iso } kind } relations { from { founded { iso } } } } }`,
  'components nested past the plans’ depth': `{ organization(slug: "coalition-3") { components { components { components { components { components { components { components { slug leaders { person { aliases { name } } } } } } } } } }
    broad: components(transitive: true) { slug leaders { person { slug aliases { name } } } components { slug memberOf { slug } } } } }`,
};

/** Pages whose cursors are made of columns the selection does not read. */
const PAGES = [
  `{ organizations(first: 7, orderBy: FOUNDED_DESC) { pageInfo { endCursor hasNextPage } edges { cursor node { slug aliases { name } } } } }`,
  `{ incidents(first: 9, orderBy: DATE_ASC) { pageInfo { endCursor hasNextPage } edges { cursor node { title perpetrators { attribution } } } } }`,
  `{ persons(first: 5, orderBy: NAME_DESC) { pageInfo { endCursor hasNextPage } edges { cursor node { slug aliases { name } } } } }`,
];

async function run(db: TestDatabase, source: string, prefetch: boolean) {
  const result = await graphql({ schema, source, contextValue: contextFactory(db, { prefetch })() });
  expect(result.errors).toBeUndefined();
  return result.data;
}

describe('prefetched relations', () => {
  let db: TestDatabase;
  let coalitions: TestDatabase;
  beforeAll(async () => {
    [db, coalitions] = await Promise.all([createTestDatabase(), createTestDatabase({ seed: false })]);
    await loadSeed(coalitions.prisma, syntheticDataset(20));
  });
  afterAll(async () => {
    await Promise.all([db.close(), coalitions.close()]);
  });

  for (const [name, query] of Object.entries(QUERIES)) {
    it(`answer as the loaders alone do: ${name}`, async () => {
      const on = query.includes('coalition-') ? coalitions : db;
      const alone = await countQueries(on, () => run(on, query, false));
      const fetched = await countQueries(on, () => run(on, query, true));
      expect(fetched.result).toEqual(alone.result);
      expect(JSON.stringify(fetched.result).length).toBeGreaterThan(200);
    });
  }

  it('plan each operation of a document apart, where they share a fragment that merges with other fields', async () => {
    // Yoga parses a text once and keeps the document: its operations run on the same field nodes.
    const document = parse(`query A { ...Page }
      query B { ...Page incidents(first: 3, orderBy: DATE_DESC) { pageInfo { endCursor } edges { node { title perpetrators { attribution } } } } }
      fragment Page on Query { incidents(first: 3, orderBy: DATE_DESC) { edges { node { slug } } } }`);
    const runOperation = async (operationName: string, prefetch: boolean) => {
      const result = await execute({ schema, document, operationName, contextValue: contextFactory(db, { prefetch })() });
      expect(result.errors).toBeUndefined();
      return result.data;
    };
    const alone = { A: await runOperation('A', false), B: await runOperation('B', false) };
    expect(await runOperation('A', true)).toEqual(alone.A);
    expect(await runOperation('B', true)).toEqual(alone.B);
    expect(await runOperation('A', true)).toEqual(alone.A);
  });

  it('page through lists by cursors made of columns the selection does not read, as the loaders alone do', async () => {
    for (const first of PAGES) {
      const pages: unknown[][] = [[], []];
      for (const [i, prefetch] of [false, true].entries()) {
        let query = first;
        for (let page = 0; page < 3; page++) {
          const data = (await run(db, query, prefetch)) as Record<string, { pageInfo: { endCursor: string; hasNextPage: boolean } }>;
          const list = Object.values(data)[0]!;
          pages[i]!.push(list);
          if (!list.pageInfo.hasNextPage) break;
          query = first.replace('(first:', `(after: "${list.pageInfo.endCursor}", first:`);
        }
      }
      expect(pages[1]).toEqual(pages[0]);
      expect(pages[0]!.length).toBeGreaterThan(1);
    }
  });

  it('take one statement, the root list’s, for the nested questions, whatever the number of parents', async () => {
    const coalition = `name aliases { name } components { slug leaders { person { name aliases { name } } } }`;
    const list = `{ organizations(first: 50, filter: { kind: [COALITION] }) { edges { node { ${coalition} } } } }`;
    const alone = await countQueries(coalitions, () => run(coalitions, list, false));
    const fetched = await countQueries(coalitions, () => run(coalitions, list, true));
    expect(fetched.result).toEqual(alone.result);
    expect((fetched.result as { organizations: { edges: unknown[] } }).organizations.edges).toHaveLength(20);
    // The page with everything below it; the loaders alone take one statement per level.
    expect(fetched.queries.length).toBe(1);
    expect(alone.queries.length).toBeGreaterThan(5);
    const one = await countQueries(coalitions, () => run(coalitions, `{ organization(slug: "coalition-3") { ${coalition} } }`, true));
    expect(one.queries.length).toBe(1);
  });

  it('take one statement for GraphiQL’s example, its leaders matched in time by the lives of the persons fetched with them', async () => {
    const alone = await countQueries(db, () => run(db, EXAMPLE_QUERY, false));
    const fetched = await countQueries(db, () => run(db, EXAMPLE_QUERY, true));
    expect(fetched.result).toEqual(alone.result);
    expect(fetched.queries.length).toBe(1);
    // Leaders in 2012 and now, without the persons' dates or status in the selection: a plan that did not read
    // them would count the dead among the current leaders.
    const lives = `{ organizations(first: 100) { edges { node { slug now: leaders(current: true) { certainty person { slug } }
      then: leaders(asOf: "2012") { certainty person { slug } } } } } }`;
    const [withLoaders, withPlan] = [await run(db, lives, false), await run(db, lives, true)];
    expect(withPlan).toEqual(withLoaders);
    expect(JSON.stringify(withLoaders).match(/"certainty"/g)!.length).toBeGreaterThan(3);
  });

  it('send the same text for the same operation, whatever its filter values (server PostgreSQL prepares statements by text)', async () => {
    const list = (country: string) => `{ organizations(first: 5, filter: { country: "${country}", designatedBy: [UN_SECURITY_COUNCIL], componentOf: "jnim" }) { edges { node { aliases { name } } } } }`;
    const first = await countQueries(db, () => run(db, list('ML'), true));
    const second = await countQueries(db, () => run(db, list('BF'), true));
    expect(second.queries).toEqual(first.queries);
    expect(first.queries.join(' ')).toContain('EXISTS');
  });

  it('read only the columns the selected fields read', async () => {
    const { queries } = await countQueries(coalitions, () => run(coalitions, `{ organizations(first: 5) { edges { node { aliases { name } } } } }`, true));
    const statement = queries.at(-1)!;
    expect(statement).toContain('"Alias"');
    expect(statement).toMatch(/t1\."name"/);
    // Neither the organizations' columns (only their IDs and the cursor's name) nor the aliases' others.
    expect(statement).not.toMatch(/t\.\*|t1\.\*|"quality"|"summary"/);
  });
});
