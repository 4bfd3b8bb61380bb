// Writes over HTTP: an analyst with an editor key adds a source and the facts it states; the provenance
// rules refuse what the passages do not say, with the rule's code, and nothing is written; a stale revision
// is a CONFLICT; every write leaves revisions that say who, what and why, in the change feed and in history.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey, keyVerifier } from '../src/auth/api-keys.js';
import { createApi, type Api } from '../src/http/yoga.js';
import { countQueries, createTestDatabase, keyedPoster, type KeyedAnswer, type TestDatabase } from './helpers.js';

const REPORT = 'On 3 May 2026 fighters of Katiba Serma, a group formed in 2019 and also called the Serma Brigade, '
  + 'attacked an army post near Boni, killing nine soldiers. Katiba Serma is a component of JNIM, according to the report.';

const ERRORS = '... on WriteError { __typename code message field } ... on ProvenanceRefusal { findings { rule record field } } ... on ConflictRefusal { currentRevision expectedRevision }';

const CREATE_SOURCE = `mutation($input: CreateSourceInput!) { createSource(input: $input) {
  __typename ... on CreateSourcePayload { source { id slug title } revisions { sequence actor actorRole action recordType operation reason } } ${ERRORS} } }`;
const CREATE_ORGANIZATION = `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) {
  __typename ... on OrganizationPayload { organization { id slug name kind founded { iso } revision aliases { name }
    relations { type to { slug } } citations { quote source { slug } } } revisions { sequence recordType operation actor } } ${ERRORS} } }`;
const UPDATE_ORGANIZATION = `mutation($input: UpdateOrganizationInput!) { updateOrganization(input: $input) {
  __typename ... on OrganizationPayload { organization { id name revision summary } revisions { sequence recordType operation reason } } ${ERRORS} } }`;
const CREATE_INCIDENT = `mutation($input: CreateIncidentInput!) { createIncident(input: $input) {
  __typename ... on IncidentPayload { incident { slug killed { min max } perpetrators { organization { slug } } } } ${ERRORS} } }`;

/** The tables whose every change the database records (the `revisions` migration). */
const TRACKED_TABLES = [
  'Source', 'SourceDocument', 'Citation', 'Organization', 'OrganizationArea', 'OrganizationRelation', 'Alias', 'Person', 'Membership',
  'Designation', 'Estimate', 'Incident', 'IncidentPerpetrator', 'IncidentParticipant', 'FundingStream', 'FundingStreamIncident',
  'ExternalIdentifier', 'Assessment', 'Mention', 'MergeCandidate', 'Attribute', 'MergeDecision',
];

type Answer = KeyedAnswer;

describe('writes', () => {
  let db: TestDatabase;
  let api: Api;
  let editor: string;
  let reader: string;
  let sourceId: string;
  let jnim: string;

  const post = keyedPoster(() => api);
  const revisionCount = async () => Number((await db.scripts.query<{ n: string }>('SELECT count(*) AS n FROM "Revision"'))[0]!.n);
  const organizationInput = (overrides: Record<string, unknown> = {}) => ({
    slug: 'katiba-serma', name: 'Katiba Serma', kind: 'GROUP', founded: '2019',
    citations: [{ source: sourceId, quote: 'Katiba Serma, a group formed in 2019' }],
    aliases: [{ name: 'Serma Brigade', kind: 'TRANSLATION', language: 'en', citations: [{ source: sourceId, quote: 'also called the Serma Brigade' }] }],
    relations: [{ type: 'COMPONENT_OF', to: jnim, citations: [{ source: sourceId, quote: 'Katiba Serma is a component of JNIM' }] }],
    reason: 'New report on central Mali',
    ...overrides,
  });

  beforeAll(async () => {
    db = await createTestDatabase();
    editor = (await createApiKey(db.prisma, 'analyst one', 'EDITOR')).key;
    reader = (await createApiKey(db.prisma, 'newsroom', 'READER')).key;
    api = createApi({ db, logging: 'error', identify: keyVerifier(db.prisma) });
    const found = await post('{ organization(slug: "jnim") { id } }');
    jnim = found.body.data!.organization.id;
  }, 60_000);
  afterAll(() => db?.close());

  it('refuses anonymous and reader writes with UNAUTHENTICATED and FORBIDDEN, running no write statement', async () => {
    const input = { slug: 'nope', title: 'Nope', kind: 'NEWS' };
    for (const [key, code, status] of [[undefined, 'UNAUTHENTICATED', 401], [reader, 'FORBIDDEN', 403]] as const) {
      const { result, queries } = await countQueries(db, () => post(CREATE_SOURCE, { input }, key));
      expect(result.body.errors?.[0]?.extensions.code).toBe(code);
      expect(result.status).toBe(status);
      expect(queries.filter((q) => /^\s*(INSERT|UPDATE|DELETE|BEGIN|SELECT set_config)/i.test(q))).toEqual([]);
    }
    expect((await post('{ source(slug: "nope") { id } }')).body.data!.source).toBeNull();
  });

  it('creates a source with its text, leaving revisions that name the key, its role, the action and the reason', async () => {
    const answer = await post(CREATE_SOURCE, { input: { slug: 'boni-report', title: 'Report on Boni', kind: 'NEWS', published: '2026-05', text: REPORT, reason: 'Read today' } }, editor);
    expect(answer.body.errors).toBeUndefined();
    const created = answer.body.data!.createSource;
    expect(created.__typename).toBe('CreateSourcePayload');
    expect(created.source.slug).toBe('boni-report');
    sourceId = created.source.id;
    expect(created.revisions.map((r: { recordType: string }) => r.recordType)).toEqual(['Source', 'SourceDocument']);
    for (const r of created.revisions) expect(r).toMatchObject({ actor: 'key analyst one', actorRole: 'EDITOR', action: 'createSource', operation: 'INSERT', reason: 'Read today' });
  });

  it('refuses a quote not in the source, an invented date and an invented number with their rules, writing nothing', async () => {
    const before = await revisionCount();
    const cases: [string, string, Record<string, unknown>, string][] = [
      [CREATE_ORGANIZATION, 'createOrganization', organizationInput({ citations: [{ source: sourceId, quote: 'Katiba Serma, founded by Amadou Koufa in 2019' }] }), 'QUOTE_NOT_IN_SOURCE'],
      [CREATE_ORGANIZATION, 'createOrganization', organizationInput({ founded: '2018' }), 'DATE_NOT_STATED'],
      [CREATE_INCIDENT, 'createIncident', {
        slug: 'boni-attack', title: 'Attack near Boni', kind: 'ATTACK', date: '2026-05-03', killed: { min: 12, max: 12 },
        citations: [{ source: sourceId, quote: 'On 3 May 2026 fighters of Katiba Serma' }, { source: sourceId, quote: 'attacked an army post near Boni, killing nine soldiers' }],
      }, 'NUMBER_NOT_STATED'],
    ];
    for (const [mutation, field, input, rule] of cases) {
      const answered = await post(mutation, { input }, editor);
      const refused = answered.body.data![field];
      expect(refused).toMatchObject({ __typename: 'ProvenanceRefusal', code: rule });
      expect(refused.findings.map((f: { rule: string }) => f.rule)).toContain(rule);
    }
    expect(await revisionCount()).toBe(before);
    const none = await post('{ organization(slug: "katiba-serma") { id } incident(slug: "boni-attack") { id } }');
    expect(none.body.data).toEqual({ organization: null, incident: null });
  });

  it('creates an organization with its alias and relation, cited, and answers it as a fresh query does', async () => {
    const answer = await post(CREATE_ORGANIZATION, { input: organizationInput() }, editor);
    const created = answer.body.data!.createOrganization;
    expect(created.__typename).toBe('OrganizationPayload');
    expect(created.organization).toMatchObject({
      slug: 'katiba-serma', name: 'Katiba Serma', founded: { iso: '2019' }, aliases: [{ name: 'Serma Brigade' }],
      relations: [{ type: 'COMPONENT_OF', to: { slug: 'jnim' } }], citations: [{ quote: 'Katiba Serma, a group formed in 2019', source: { slug: 'boni-report' } }],
    });
    expect(new Set(created.revisions.map((r: { recordType: string }) => r.recordType))).toEqual(new Set(['Organization', 'Alias', 'OrganizationRelation', 'Citation']));
    expect(created.organization.revision).toBe(created.revisions.find((r: { recordType: string }) => r.recordType === 'Organization').sequence);
    const fresh = await post('{ organization(slug: "katiba-serma") { name components { slug } } organizationComponents: organization(slug: "jnim") { components { slug } } }');
    expect(fresh.body.data!.organizationComponents.components.map((c: { slug: string }) => c.slug)).toContain('katiba-serma');
    // Found by search at once: the write indexed it.
    const search = await post('{ search(query: "Serma Brigade", first: 3) { entity { ... on Organization { slug } } } }');
    expect(JSON.stringify(search.body)).toContain('katiba-serma');
  });

  it('creates an incident with its perpetrator; an update of its count alone is checked like a creation', async () => {
    const jnimId = jnim;
    const created = (await post(CREATE_INCIDENT, { input: {
      slug: 'boni-attack', title: 'Attack near Boni', kind: 'ATTACK', date: '2026-05-03', killed: { min: 9, max: 9 },
      citations: [{ source: sourceId, quote: 'On 3 May 2026 fighters of Katiba Serma' }, { source: sourceId, quote: 'attacked an army post near Boni, killing nine soldiers' }],
      perpetrators: [{ organization: jnimId, attribution: 'SUSPECTED', citations: [{ source: sourceId, quote: 'Katiba Serma is a component of JNIM' }] }],
    } }, editor)).body.data!.createIncident;
    expect(created).toMatchObject({ __typename: 'IncidentPayload', incident: { slug: 'boni-attack', killed: { min: 9, max: 9 }, perpetrators: [{ organization: { slug: 'jnim' } }] } });
    const { id, revision } = (await post('{ incident(slug: "boni-attack") { id revision } }')).body.data!.incident;
    const UPDATE = `mutation($input: UpdateIncidentInput!) { updateIncident(input: $input) { __typename ... on WriteError { code field } } }`;
    expect((await post(UPDATE, { input: { id, revision, killed: { min: 12, max: 12 } } }, editor)).body.data!.updateIncident).toMatchObject({ __typename: 'ProvenanceRefusal', code: 'NUMBER_NOT_STATED' });
    expect((await post(UPDATE, { input: { id, revision, killed: { min: 10, max: 5 } } }, editor)).body.data!.updateIncident).toMatchObject({ __typename: 'InvalidInputRefusal', field: 'input.killed' });
    expect((await post(UPDATE, { input: { id, revision, targets: null } }, editor)).body.data!.updateIncident).toMatchObject({ __typename: 'InvalidInputRefusal', field: 'input.targets' });
    expect((await post('{ incident(slug: "boni-attack") { killed { min } } }')).body.data!.incident.killed.min).toBe(9);
  });

  it('refuses a taken slug, a bad date notation and an unknown source with typed errors naming the field', async () => {
    const taken = (await post(CREATE_ORGANIZATION, { input: organizationInput() }, editor)).body.data!.createOrganization;
    expect(taken).toMatchObject({ __typename: 'InvalidInputRefusal', code: 'SLUG_TAKEN', field: 'input.slug' });
    const badDate = (await post(CREATE_ORGANIZATION, { input: organizationInput({ slug: 'other', founded: 'spring 2019' }) }, editor)).body.data!.createOrganization;
    expect(badDate).toMatchObject({ __typename: 'InvalidInputRefusal', code: 'BAD_USER_INPUT', field: 'input.founded' });
    const unknownSource = Buffer.from('Source:00000000-0000-4000-8000-000000000000').toString('base64');
    const missing = (await post(CREATE_ORGANIZATION, { input: organizationInput({ slug: 'other', citations: [{ source: unknownSource, quote: 'x' }] }) }, editor)).body.data!.createOrganization;
    expect(missing).toMatchObject({ __typename: 'NotFoundRefusal', code: 'NOT_FOUND', field: 'input.citations[0].source' });
    const uncited = await post(CREATE_ORGANIZATION, { input: organizationInput({ slug: 'other', citations: [] }) }, editor);
    expect(uncited.body.data!.createOrganization).toMatchObject({ __typename: 'InvalidInputRefusal', field: 'input.citations' });
  });

  it('updates with the revision read; a stale revision is a CONFLICT naming the current one, and changes nothing', async () => {
    const read = await post('{ organization(slug: "katiba-serma") { id revision } }');
    const { id, revision } = read.body.data!.organization;
    const summary = 'Katiba Serma attacked an army post near Boni.';
    const citations = [{ source: sourceId, quote: 'fighters of Katiba Serma, a group formed in 2019 and also called the Serma Brigade, attacked an army post near Boni', supports: ['summary'] }];
    const updated = (await post(UPDATE_ORGANIZATION, { input: { id, revision, summary, citations, reason: 'summary from the report' } }, editor)).body.data!.updateOrganization;
    expect(updated.__typename).toBe('OrganizationPayload');
    expect(updated.organization.summary).toBe(summary);
    expect(updated.organization.revision).toBeGreaterThan(revision);
    const stale = (await post(UPDATE_ORGANIZATION, { input: { id, revision, name: 'Katiba Serma (stale)' } }, editor)).body.data!.updateOrganization;
    expect(stale).toMatchObject({ __typename: 'ConflictRefusal', code: 'CONFLICT', currentRevision: updated.organization.revision, expectedRevision: revision });
    expect((await post('{ organization(slug: "katiba-serma") { name } }')).body.data!.organization.name).toBe('Katiba Serma');
    // An update's values are checked as a creation's: a summary no citation carries is refused.
    const uncited = (await post(UPDATE_ORGANIZATION, { input: { id, revision: updated.organization.revision, ideology: 'Salafi-jihadist' } }, editor)).body.data!.updateOrganization;
    expect(uncited).toMatchObject({ __typename: 'ProvenanceRefusal', code: 'SUMMARY_UNCITED', field: 'ideology' });
  });

  it('shows the change in the node\'s history and the feed, with values before and after', async () => {
    const answer = await post(`{ organization(slug: "katiba-serma") { history(first: 20) { edges { node { recordType operation action actor reason before after } } } } }`);
    const history = answer.body.data!.organization.history.edges.map((e: { node: Record<string, any> }) => e.node);
    const update = history.find((r: { recordType: string; operation: string }) => r.recordType === 'Organization' && r.operation === 'UPDATE');
    expect(update).toMatchObject({ action: 'updateOrganization', actor: 'key analyst one', reason: 'summary from the report' });
    expect(update.before.summary).toBeNull();
    expect(update.after.summary).toBe('Katiba Serma attacked an army post near Boni.');
    // Newest first; creation last of this record's.
    expect(history.at(-1)).toMatchObject({ operation: 'INSERT' });

    const id = (await post('{ organization(slug: "katiba-serma") { id } }')).body.data!.organization.id;
    const feed = await post(`{ changes(first: 100, types: ["Organization"], entity: "${id}") { edges { cursor node { operation action } } pageInfo { endCursor hasNextPage } } }`);
    expect(feed.body.data!.changes.edges.map((e: { node: { operation: string } }) => e.node.operation)).toEqual(['INSERT', 'UPDATE']);
    const end = feed.body.data!.changes.pageInfo.endCursor;
    const after = await post(`{ changes(after: "${end}", types: ["Organization"]) { edges { cursor } } }`);
    expect(after.body.data!.changes.edges).toEqual([]);
  });

  it('answers what the graph held at an instant: before the organization, after its creation, after its update', async () => {
    const org = (await post('{ organization(slug: "katiba-serma") { id history(first: 50) { edges { node { recordType operation at } } } } }')).body.data!.organization;
    const own = org.history.edges.map((e: { node: { recordType: string; operation: string; at: string } }) => e.node).filter((n: { recordType: string }) => n.recordType === 'Organization');
    const created = own.find((n: { operation: string }) => n.operation === 'INSERT').at;
    const updated = own.find((n: { operation: string }) => n.operation === 'UPDATE').at;
    const KNOWN = 'query($id: ID!, $at: DateTime!) { knownAt(id: $id, at: $at) { record { values } facts { recordType values } } }';
    const at = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();
    const before = (await post(KNOWN, { id: org.id, at: at(created, -1) })).body.data!.knownAt;
    expect(before).toEqual({ record: null, facts: [] });
    const first = (await post(KNOWN, { id: org.id, at: created })).body.data!.knownAt;
    expect(first.record.values).toMatchObject({ slug: 'katiba-serma', summary: null });
    expect(first.facts.map((f: { recordType: string }) => f.recordType)).toEqual(expect.arrayContaining(['Alias', 'OrganizationRelation', 'Citation']));
    const later = (await post(KNOWN, { id: org.id, at: updated })).body.data!.knownAt;
    expect(later.record.values.summary).toBe('Katiba Serma attacked an army post near Boni.');
    expect(later.facts.length).toBeGreaterThan(first.facts.length);
  });

  it('replays: a client applying the feed from the start holds exactly the rows the database holds', async () => {
    const replayed = new Map<string, unknown>();
    let after: string | null = null;
    let pages = 0;
    do {
      const page: Answer = await post(`query($after: String) { changes(first: 100, after: $after) {
        edges { node { operation recordId after } } pageInfo { endCursor hasNextPage } } }`, { after });
      const changes = page.body.data!.changes;
      for (const { node } of changes.edges) {
        const key = Buffer.from(node.recordId, 'base64').toString();
        if (node.operation === 'DELETE') replayed.delete(key);
        else replayed.set(key, node.after);
      }
      after = changes.pageInfo.hasNextPage ? changes.pageInfo.endCursor : null;
      pages++;
    } while (after);
    expect(pages).toBeGreaterThan(4);
    const held = new Map<string, unknown>();
    for (const table of TRACKED_TABLES) {
      for (const { row } of await db.scripts.query<{ row: Record<string, unknown> }>(`SELECT to_jsonb(t) AS row FROM "${table}" t`)) {
        held.set(`${table}:${row.id ?? row.sourceId}`, row);
      }
    }
    expect(held.size).toBeGreaterThan(450);
    expect(replayed).toEqual(held);
  });

  it('refuses a cursor that is not one, and a negative or huge page', async () => {
    for (const args of ['after: "abc"', 'first: -1', 'first: 101', 'after: "99999999999999999999"']) {
      const answer = await post(`{ changes(${args}) { edges { cursor } } }`);
      expect(answer.body.errors?.[0]?.extensions.code, args).toBe('BAD_USER_INPUT');
    }
  });
});
