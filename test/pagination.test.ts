// Relay connections: forward and backward, stable cursors, exact totalCount, page-size limits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, createTestDatabase, postQuery, queryData, runQuery, type TestDatabase } from './helpers.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.close());

interface Page {
  totalCount: number;
  edges: { cursor: string; node: { slug: string } }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

const PAGE = 'totalCount edges { cursor node { slug } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }';

async function page(field: string, args: Record<string, unknown>): Promise<Page> {
  const data = await queryData(
    db,
    `query($first: Int, $after: String, $last: Int, $before: String) { list: ${field}(first: $first, after: $after, last: $last, before: $before) { ${PAGE} } }`,
    args,
  );
  return data.list;
}

async function walkForward(field: string, size: number) {
  const seen: string[] = [];
  let after: string | null = null;
  for (let i = 0; i < 50; i++) {
    const p: Page = await page(field, { first: size, after });
    seen.push(...p.edges.map((e) => e.node.slug));
    if (!p.pageInfo.hasNextPage) break;
    after = p.pageInfo.endCursor;
  }
  return seen;
}

async function walkBackward(field: string, size: number) {
  const seen: string[] = [];
  let before: string | null = null;
  for (let i = 0; i < 50; i++) {
    const p: Page = await page(field, { last: size, before });
    seen.unshift(...p.edges.map((e) => e.node.slug));
    if (!p.pageInfo.hasPreviousPage) break;
    before = p.pageInfo.startCursor;
  }
  return seen;
}

describe.each(['organizations', 'persons', 'incidents', 'fundingStreams'])('%s', (field) => {
  it('pages forward and backward through the same list, with the right totalCount', async () => {
    const all = await page(field, { first: 100 });
    const slugs = all.edges.map((e) => e.node.slug);
    expect(all.totalCount).toBe(slugs.length);
    expect(new Set(slugs).size).toBe(slugs.length);
    expect(await walkForward(field, 3)).toEqual(slugs);
    expect(await walkBackward(field, 3)).toEqual(slugs);
    const first = await page(field, { first: 3 });
    expect(first.totalCount).toBe(all.totalCount);
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
  });
});

describe('cursors', () => {
  it('stay valid, and keep their place, when rows are added before them', async () => {
    const first = await page('organizations', { first: 4 });
    const rest = await page('organizations', { first: 100, after: first.pageInfo.endCursor });
    await db.prisma.organization.create({ data: { slug: 'aaa-test-group', name: 'AAA Test Group', kind: 'GROUP' } });
    try {
      const again = await page('organizations', { first: 100, after: first.pageInfo.endCursor });
      expect(again.edges.map((e) => e.node.slug)).toEqual(rest.edges.map((e) => e.node.slug));
      expect(again.totalCount).toBe(rest.totalCount + 1);
    } finally {
      await db.prisma.organization.delete({ where: { slug: 'aaa-test-group' } });
    }
  });

  it('work with sort keys that can be null (undated incidents, unknown death tolls)', async () => {
    const all = (await queryData(db, `{ incidents(first: 100, orderBy: KILLED_DESC) { edges { node { slug } } } }`)).incidents.edges;
    const walked: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 20; i++) {
      const data: { incidents: Page } = await queryData(db, 'query($after: String) { incidents(first: 2, after: $after, orderBy: KILLED_DESC) { edges { node { slug } } pageInfo { hasNextPage endCursor } } }', { after });
      walked.push(...data.incidents.edges.map((e) => e.node.slug));
      if (!data.incidents.pageInfo.hasNextPage) break;
      after = data.incidents.pageInfo.endCursor;
    }
    expect(walked).toEqual(all.map((e: { node: { slug: string } }) => e.node.slug));
  });

  it('are the same read through fragments, and the rows the same when no cursor is read', async () => {
    // A root list reads the columns its cursors are made of only when its selection reads a cursor.
    const all = (await queryData(db, '{ incidents(first: 100, orderBy: DATE_DESC) { edges { node { slug } } } }')).incidents.edges.map((e: { node: { slug: string } }) => e.node.slug);
    const direct = (await queryData(db, '{ incidents(first: 100, orderBy: DATE_DESC) { edges { cursor } } }')).incidents.edges.map((e: { cursor: string }) => e.cursor);
    const pageQuery = `query($after: String) { incidents(first: 2, after: $after, orderBy: DATE_DESC) { edges { ... on IncidentEdge { cursor } node { slug } } pageInfo { ...Ends } } }
      fragment Ends on PageInfo { hasNextPage endCursor }`;
    const walked: string[] = [];
    const cursors: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 20; i++) {
      const data: { incidents: Page } = await queryData(db, pageQuery, { after });
      walked.push(...data.incidents.edges.map((e) => e.node.slug));
      cursors.push(...data.incidents.edges.map((e) => e.cursor));
      if (!data.incidents.pageInfo.hasNextPage) break;
      after = data.incidents.pageInfo.endCursor;
    }
    expect(walked).toEqual(all);
    expect(cursors).toEqual(direct);
    expect(new Set(cursors).size).toBe(all.length);
  });

  it('of nested connections page the same way', async () => {
    const { organization } = await queryData(db, '{ organization(slug: "jnim") { incidents(first: 4) { totalCount edges { node { slug } } pageInfo { endCursor hasNextPage } } } }');
    const next = await queryData(db, 'query($after: String) { organization(slug: "jnim") { incidents(first: 4, after: $after) { edges { node { slug } } pageInfo { hasNextPage hasPreviousPage } } } }', {
      after: organization.incidents.pageInfo.endCursor,
    });
    expect(organization.incidents.totalCount).toBe(6);
    expect(organization.incidents.pageInfo.hasNextPage).toBe(true);
    expect(next.organization.incidents.edges).toHaveLength(2);
    expect(next.organization.incidents.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: true });
  });
});

describe('page-size limits and bad cursors are BAD_USER_INPUT', () => {
  it.each([
    ['{ organizations(first: 101) { totalCount } }', 'first'],
    ['{ persons(last: 500) { totalCount } }', 'last'],
    ['{ incidents(first: -1) { totalCount } }', 'first'],
    ['{ organization(slug: "jnim") { members(first: 101) { totalCount } } }', 'first'],
    ['{ organizations(after: "not-a-cursor") { totalCount } }', 'after'],
    ['{ incidents(before: "WyJ4Il0") { totalCount } }', 'before'],
  ])('%s', async (query, argument) => {
    const result = await runQuery(db, query);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
  });

  it('also over HTTP, with a message and no partial data', async () => {
    const { status, body } = await postQuery(createTestApi(db), '{ organizations(first: 1000) { totalCount } }');
    expect(status).toBe(200);
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0]).toMatchObject({ message: '"first" must be between 0 and 100; got 1000.', extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('100 is allowed', async () => {
    expect((await runQuery(db, '{ organizations(first: 100) { totalCount } }')).errors).toBeUndefined();
  });
});
