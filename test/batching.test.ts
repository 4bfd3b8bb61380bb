// One SQL round trip per relation level, whatever the number of parents: counted, not timed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSeed } from '../src/seed/load.js';
import { countQueries, createTestDatabase, queryData, type TestDatabase } from './helpers.js';
import { syntheticDataset } from '../bench/synthetic-graph.js';

const NESTED = `{
  organizations(first: 50, filter: { kind: [COALITION] }) {
    edges { node { slug components(transitive: true) { slug leaders { person { name aliases { name } } } } } }
  }
}`;

const DEEP = `{
  organizations(first: 50, filter: { kind: [COALITION] }) {
    edges { node {
      aliases { name } citations { quote source { title } } addresses { country citations { quote } }
      components { memberOf { slug } members(first: 10) { edges { node { person {
        memberships { organization { name } } datesOfBirth { date { iso } } nationalities { country }
      } } } } }
      timeline { kind person { slug } organization { slug } }
    } }
  }
}`;

async function graphOf(coalitions: number): Promise<TestDatabase> {
  const db = await createTestDatabase({ seed: false });
  await loadSeed(db.prisma, syntheticDataset(coalitions));
  return db;
}

let small: TestDatabase;
let large: TestDatabase;
beforeAll(async () => {
  [small, large] = await Promise.all([graphOf(5), graphOf(50)]);
});
afterAll(async () => {
  await Promise.all([small.close(), large.close()]);
});

// With the root lists' prefetch (src/resolvers/prefetch.ts) and without it, every level through its loader.
describe.each([{ prefetch: false }, { prefetch: true }])('batching, %o', (context) => {
  it('components(transitive) → leaders → person → aliases costs the same SQL for 5 or 50 coalitions', async () => {
    type Result = { organizations: { edges: { node: { components: unknown[] } }[] } };
    const few = await countQueries(small, () => queryData<Result>(small, NESTED, undefined, context));
    const many = await countQueries(large, () => queryData<Result>(large, NESTED, undefined, context));
    const edges = (r: Result) => r.organizations.edges;
    expect(edges(few.result)).toHaveLength(5);
    expect(edges(many.result)).toHaveLength(50);
    // Two components and their two sub-factions per coalition, each with a leader with two aliases.
    const first = edges(many.result)[0]!.node.components as { leaders: { person: { aliases: unknown[] } }[] }[];
    expect(first).toHaveLength(4);
    expect(first.every((c) => c.leaders.length === 1 && c.leaders[0]!.person.aliases.length === 2)).toBe(true);
    expect(many.queries.length).toBe(few.queries.length);
    // organizations; every component edge within reach (one recursive statement, whatever the depth); the
    // components; memberships; persons; aliases (a walk through the relations' loader took one a level).
    // With the prefetch, the components and what is below them are one statement, as a root list's rows are.
    expect(many.queries.length).toBeLessThanOrEqual(context.prefetch ? 3 : 6);
  });

  it('texts of organizations and persons reached by relation (read apart from their lean rows) cost one statement a level, and are the stored ones', async () => {
    const TEXTS = `{ organizations(first: 50, filter: { kind: [COALITION] }) { edges { node {
      components { slug summary ideology leaders { person { slug biography } } } } } } }`;
    type Result = { organizations: { edges: { node: { components: { slug: string; summary: string | null; ideology: string | null; leaders: { person: { slug: string; biography: string | null } }[] }[] } }[] } };
    const few = await countQueries(small, () => queryData<Result>(small, TEXTS, undefined, context));
    const many = await countQueries(large, () => queryData<Result>(large, TEXTS, undefined, context));
    expect(many.queries.length).toBe(few.queries.length);
    // The same query without the texts: the organizations' texts and the persons' are one statement each,
    // or none when the prefetch reads them with the rest.
    const withoutTexts = await countQueries(large, () => queryData(large, TEXTS.replace(' summary ideology', '').replace(' biography', ''), undefined, context));
    expect(many.queries.length).toBe(withoutTexts.queries.length + (context.prefetch ? 0 : 2));
    const components = many.result.organizations.edges.flatMap((e) => e.node.components);
    expect(components.length).toBeGreaterThan(50);
    const stored = new Map((await large.prisma.organization.findMany()).map((o) => [o.slug, o]));
    expect(components.map((c) => [c.summary, c.ideology])).toEqual(components.map((c) => [stored.get(c.slug)!.summary, stored.get(c.slug)!.ideology]));
    const people = new Map((await large.prisma.person.findMany()).map((p) => [p.slug, p.biography]));
    const leaders = components.flatMap((c) => c.leaders.map((l) => l.person));
    expect(leaders.map((p) => p.biography)).toEqual(leaders.map((p) => people.get(p.slug)));
  });

  it('a broad, deep query also costs the same for 5 or 50', async () => {
    const few = await countQueries(small, () => queryData(small, DEEP, undefined, context));
    const many = await countQueries(large, () => queryData(large, DEEP, undefined, context));
    expect(many.queries.length).toBe(few.queries.length);
  });

  it('cycles in the data do not loop, and depth is capped', async () => {
    // Make coalition-0 a component of its own sub-faction: a cycle.
    const [coalition, faction] = await Promise.all([
      small.prisma.organization.findUniqueOrThrow({ where: { slug: 'coalition-0' } }),
      small.prisma.organization.findUniqueOrThrow({ where: { slug: 'faction-0-a' } }),
    ]);
    const edge = await small.prisma.organizationRelation.create({ data: { type: 'COMPONENT_OF', fromId: coalition.id, toId: faction.id } });
    try {
      const data = await queryData(small, '{ organization(slug: "coalition-0") { components(transitive: true, maxDepth: 10) { slug } one: components(transitive: true, maxDepth: 1) { slug } } }', undefined, context);
      expect(data.organization.components.map((c: { slug: string }) => c.slug).sort()).toEqual(['faction-0-a', 'faction-0-b', 'group-0-a', 'group-0-b']);
      expect(data.organization.one.map((c: { slug: string }) => c.slug).sort()).toEqual(['group-0-a', 'group-0-b']);
    } finally {
      await small.prisma.organizationRelation.delete({ where: { id: edge.id } });
    }
  });
});
