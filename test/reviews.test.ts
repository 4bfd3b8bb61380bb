// A reviewer's writes over HTTP: retract hides a fact and keeps it (listed, revertible); a merge moves every
// alias, identifier, citation and link, and unmerge gives byte-identical answers; a pair judged DIFFERENT
// cannot be merged; a write is reverted whole, or refused when what it changed has changed since.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey, keyVerifier } from '../src/auth/api-keys.js';
import { createApi, type Api } from '../src/http/yoga.js';
import { createTestDatabase, keyedPoster, type KeyedAnswer, type TestDatabase } from './helpers.js';

const ERRORS = '... on WriteError { __typename code message field } ... on ConflictRefusal { currentRevision }';
const REVIEW = `{ __typename ... on ReviewPayload { entity { ... on Organization { slug } ... on Person { slug } } revisions { sequence recordType operation action reason } } ${ERRORS} }`;

/** Everything an organization answers that a merge touches: names, ties, people, listings, incidents, citations. */
const WHOLE = (slug: string) => `{ organization(slug: "${slug}") {
  id slug name kind status summary founded { iso } aliases { name kind citations { quote } }
  relations { type to { slug } from { slug } citations { quote } } allegiances { to { slug } }
  components { slug } members(first: 50) { edges { node { person { slug } role } } } leaders { person { slug } }
  designations { authority reference } externalIds { scheme value } assessments { topic statement }
  incidents(first: 50) { edges { node { slug } } } citations { quote locator source { slug } } mentions { reference }
} }`;

type Answer = KeyedAnswer;

describe('reviews', () => {
  let db: TestDatabase;
  let api: Api;
  let reviewer: string;
  let editor: string;

  const post = keyedPoster(() => api);
  const mutate = async (name: string, input: Record<string, unknown>, key = reviewer) => {
    const type = name === 'unmerge' ? 'RevertInput' : `${name[0]!.toUpperCase()}${name.slice(1)}Input`;
    const answer = await post(`mutation($input: ${type}!) { ${name}(input: $input) ${REVIEW} }`, { input }, key);
    expect(answer.body.errors, JSON.stringify(answer.body.errors)).toBeUndefined();
    return answer.body.data![name];
  };
  const text = async (slug: string) => JSON.stringify((await post(WHOLE(slug))).body);

  beforeAll(async () => {
    db = await createTestDatabase();
    reviewer = (await createApiKey(db.prisma, 'desk reviewer', 'REVIEWER')).key;
    editor = (await createApiKey(db.prisma, 'analyst', 'EDITOR')).key;
    api = createApi({ db, logging: 'error', identify: keyVerifier(db.prisma) });
  }, 60_000);
  afterAll(() => db?.close());

  it('retracts a fact for reviewers only; it leaves answers, is listed with its values, and comes back with revert', async () => {
    const before = await text('jnim');
    const aliases = (await post('{ organization(slug: "jnim") { id aliases { id name } } }')).body.data!.organization;
    const alias = aliases.aliases[0];
    const forbidden = await post(`mutation { retract(input: { id: "${alias.id}", reason: "x" }) { __typename } }`, {}, editor);
    expect(forbidden.body.errors![0]!.extensions.code).toBe('FORBIDDEN');

    const retracted = await mutate('retract', { id: alias.id, reason: 'The report misread the name' });
    expect(retracted.__typename).toBe('ReviewPayload');
    expect(retracted.revisions.map((r: { recordType: string; operation: string }) => `${r.recordType} ${r.operation}`)).toContain('Alias DELETE');
    const now = (await post('{ organization(slug: "jnim") { aliases { name } } }')).body.data!.organization.aliases.map((a: { name: string }) => a.name);
    expect(now).not.toContain(alias.name);
    const listed = await post(`{ retracted(entity: "${aliases.id}") { edges { node { recordType reason before } } } }`);
    const entry = listed.body.data!.retracted.edges.map((e: { node: Record<string, any> }) => e.node).find((n: { recordType: string }) => n.recordType === 'Alias');
    expect(entry).toMatchObject({ reason: 'The report misread the name', before: { name: alias.name } });

    const back = await mutate('revert', { revision: retracted.revisions[0].sequence, reason: 'The name was right' });
    expect(back.__typename).toBe('ReviewPayload');
    expect(await text('jnim')).toBe(before);
    expect((await post(`{ retracted(entity: "${aliases.id}") { edges { cursor } } }`)).body.data!.retracted.edges).toEqual([]);
  });

  it('merges two organizations, moving every fact to the one kept; unmerge gives byte-identical answers', async () => {
    const [jnim, macina] = [await text('jnim'), await text('katiba-macina')];
    const ids = (await post('{ a: organization(slug: "jnim") { id } b: organization(slug: "katiba-macina") { id aliases { name } } }')).body.data!;
    const merged = await mutate('mergeEntities', { keep: ids.a.id, merge: ids.b.id, reason: 'test merge' });
    expect(merged).toMatchObject({ __typename: 'ReviewPayload', entity: { slug: 'jnim' } });
    const after = (await post('{ a: organization(slug: "jnim") { aliases { name } } b: organization(slug: "katiba-macina") { id } }')).body.data!;
    expect(after.b).toBeNull();
    for (const { name } of ids.b.aliases) expect(after.a.aliases.map((a: { name: string }) => a.name)).toContain(name);

    const unmerged = await mutate('unmerge', { revision: merged.revisions.at(-1).sequence, reason: 'Katiba Macina is a component, not JNIM' });
    expect(unmerged.__typename).toBe('ReviewPayload');
    expect(await text('jnim')).toBe(jnim);
    expect(await text('katiba-macina')).toBe(macina);
    // Found again by its own names.
    const search = await post('{ search(query: "Katiba Macina", first: 1) { entity { ... on Organization { slug } } } }');
    expect(search.body.data!.search[0].entity.slug).toBe('katiba-macina');
  });

  it('refuses unmerge of a write that was no merge, and a revert of a write whose records changed since', async () => {
    const source = await post(`mutation { createSource(input: { slug: "revert-test", title: "Revert test", kind: NEWS }) { ... on CreateSourcePayload { revisions { sequence } } } }`, {}, editor);
    const sequence = source.body.data!.createSource.revisions[0].sequence;
    const notMerge = await mutate('unmerge', { revision: sequence, reason: 'x' });
    expect(notMerge).toMatchObject({ __typename: 'InvalidInputRefusal', field: 'input.revision' });
    await db.scripts.query(`UPDATE "Source" SET title = 'Changed by hand' WHERE slug = 'revert-test'`);
    const stale = await mutate('revert', { revision: sequence, reason: 'x' });
    expect(stale).toMatchObject({ __typename: 'ConflictRefusal', code: 'CONFLICT' });
    expect(stale.currentRevision).toBeGreaterThan(sequence);
    const missing = await mutate('revert', { revision: 999_999_999, reason: 'x' });
    expect(missing).toMatchObject({ __typename: 'NotFoundRefusal', code: 'NOT_FOUND' });
  });

  it('settles a pair for review: DIFFERENT drops it and refuses any later merge of the two', async () => {
    const [a, b, source] = await Promise.all(['ansar-al-din', 'al-murabitun'].map((slug) => db.prisma.organization.findUniqueOrThrow({ where: { slug } }))
      .concat([db.prisma.source.findFirstOrThrow() as never]));
    await db.prisma.mergeCandidate.create({ data: { recordOrganizationId: a!.id, candidateOrganizationId: b!.id, sourceId: (source as { id: string }).id, score: 0.7, explanation: 'test pair' } });
    const pairs = await post('{ mergeCandidates(first: 10) { edges { node { id explanation } } } }');
    const pair = pairs.body.data!.mergeCandidates.edges.map((e: { node: { id: string; explanation: string } }) => e.node).find((n: { explanation: string }) => n.explanation === 'test pair');
    const settled = await mutate('resolveMergeCandidate', { id: pair.id, decision: 'DIFFERENT', reason: 'Two groups that merged into JNIM, not one' });
    expect(settled).toMatchObject({ __typename: 'ReviewPayload' });
    expect(JSON.stringify((await post('{ mergeCandidates(first: 10) { edges { node { explanation } } } }')).body)).not.toContain('test pair');
    const ids = (await post('{ a: organization(slug: "ansar-al-din") { id } b: organization(slug: "al-murabitun") { id } }')).body.data!;
    const refused = await mutate('mergeEntities', { keep: ids.b.id, merge: ids.a.id, reason: 'x' });
    expect(refused).toMatchObject({ __typename: 'InvalidInputRefusal', code: 'JUDGED_DIFFERENT' });
  });

  it('refuses IDs that are not of the right kind with typed errors', async () => {
    const person = (await post('{ persons(first: 1) { edges { node { id } } } }')).body.data!.persons.edges[0].node.id;
    const org = (await post('{ organization(slug: "jnim") { id } }')).body.data!.organization.id;
    expect(await mutate('mergeEntities', { keep: org, merge: person, reason: 'x' })).toMatchObject({ __typename: 'InvalidInputRefusal', field: 'input.merge' });
    expect(await mutate('mergeEntities', { keep: org, merge: org, reason: 'x' })).toMatchObject({ __typename: 'InvalidInputRefusal' });
    expect(await mutate('retract', { id: 'not an id', reason: 'x' })).toMatchObject({ __typename: 'InvalidInputRefusal', field: 'input.id' });
    const source = (await post('{ sources(first: 1) { edges { node { id } } } }')).body.data!.sources.edges[0].node.id;
    expect(await mutate('retract', { id: source, reason: 'x' })).toMatchObject({ __typename: 'InvalidInputRefusal' });
  });
});
