// Global IDs: every node type round-trips through node(id) and nodes(ids).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, createTestDatabase, postQuery, queryData, type TestDatabase } from './helpers.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.close());

async function ids() {
  const data = await queryData(db, `{
    organization(slug: "jnim") {
      id designations { id } estimates { id } fundingStreams { id }
      citations { source { id } }
      leaders { person { id } }
    }
    incident(slug: "2018-11-gao-truck-bomb") { id }
  }`);
  const o = data.organization;
  return {
    Organization: o.id,
    Person: o.leaders[0].person.id,
    Incident: data.incident.id,
    Source: o.citations[0].source.id,
    FundingStream: o.fundingStreams[0].id,
    Designation: o.designations[0].id,
    Estimate: o.estimates[0].id,
  } as Record<string, string>;
}

describe('node(id)', () => {
  it('returns each type by its global ID', async () => {
    for (const [typename, id] of Object.entries(await ids())) {
      const data = await queryData(db, 'query($id: ID!) { node(id: $id) { __typename id } }', { id });
      expect(data.node, typename).toEqual({ __typename: typename, id });
    }
  });

  // The second fetch of one ID was handed the first's pending load, unmarked with its type: graphql-js's
  // "Abstract type Node must resolve to an Object type" and null, interpreted and compiled alike.
  it('answers the same node fetched twice, or in two lists, in one operation', async () => {
    const api = createTestApi(db);
    const all = await ids();
    const operation = 'query($x: ID!, $y: ID!) { a: node(id: $x) { __typename id } b: node(id: $x) { id } c: nodes(ids: [$x, $y, $x]) { id } d: nodes(ids: [$y, $x]) { id } }';
    for (const [typename, x] of Object.entries(all)) {
      const y = all.Person === x ? all.Organization! : all.Person!;
      for (let run = 0; run < 3; run++) {
        const { body } = await postQuery(api, operation, { x, y });
        expect(body.errors, typename).toBeUndefined();
        expect(body.data, typename).toEqual({ a: { __typename: typename, id: x }, b: { id: x }, c: [{ id: x }, { id: y }, { id: x }], d: [{ id: y }, { id: x }] });
      }
    }
  });

  it('nodes(ids) keeps the order and answers null for IDs of nothing', async () => {
    const known = await ids();
    const missing = Buffer.from('Organization:00000000-0000-5000-8000-000000000000').toString('base64');
    const notUuid = Buffer.from('Person:123').toString('base64');
    const data = await queryData(db, 'query($ids: [ID!]!) { nodes(ids: $ids) { __typename ... on Organization { slug } } }', {
      ids: [known.Incident, missing, known.Organization, notUuid],
    });
    expect(data.nodes).toEqual([{ __typename: 'Incident' }, null, { __typename: 'Organization', slug: 'jnim' }, null]);
  });

  it('a malformed global ID is BAD_USER_INPUT over HTTP', async () => {
    const { body } = await postQuery(createTestApi(db), '{ node(id: "not base64 at all") { id } }');
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(body.errors?.[0]?.message).toMatch(/Invalid global ID/);
  });

  it('an ID of an unknown type is BAD_USER_INPUT', async () => {
    const id = Buffer.from('Spaceship:1').toString('base64');
    const { body } = await postQuery(createTestApi(db), `{ node(id: "${id}") { id } }`);
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
