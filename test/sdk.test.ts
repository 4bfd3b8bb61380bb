// The generated SDK (examples/sdk) against the real HTTP server, as a client team would use it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../src/app.js';
import { createClient, GraphQLRequestError, subscribe } from '../examples/sdk/src/client.js';
import {
  AddOrganizationFactsDocument, CoalitionComponentsDocument, CreateSourceDocument, EntityChangedDocument, EstimatesDocument, IncidentPageDocument,
  IncidentsPerYearDocument,
} from '../examples/sdk/src/generated/graphql.js';
import { createApiKey } from '../src/auth/api-keys.js';

let app: RunningApp;
beforeAll(async () => {
  app = await startApp({ port: 0, host: '127.0.0.1', database: { kind: 'pglite-memory' }, logLevel: 'error', seedIfEmpty: true });
});
afterAll(() => app.stop());

describe('generated SDK', () => {
  it('runs typed operations over HTTP', async () => {
    const request = createClient(app.url);
    const { organization } = await request(CoalitionComponentsDocument, { slug: 'jnim' });
    expect(organization?.founded?.iso).toBe('2017-03');
    expect(organization?.components.map((c) => c.slug).sort()).toEqual(['al-murabitun', 'ansar-al-din', 'aqim-sahara', 'katiba-macina']);

    const first = await request(IncidentPageDocument, { first: 2 });
    expect(first.incidents.edges).toHaveLength(2);
    const next = await request(IncidentPageDocument, { first: 2, after: first.incidents.pageInfo.endCursor });
    expect(next.incidents.edges[0]?.node.id).not.toBe(first.incidents.edges[1]?.node.id);

    const years = await request(IncidentsPerYearDocument, { filter: { perpetrator: 'jnim' } });
    expect(years.incidentStats.find((b) => b.key === '2018')?.incidentCount).toBe(4);

    const in2019 = await request(CoalitionComponentsDocument, { slug: 'jnim', asOf: '2019' });
    const macina = in2019.organization?.components.find((c) => c.slug === 'katiba-macina');
    expect(macina?.leaders).toEqual([expect.objectContaining({ certainty: 'POSSIBLE', person: expect.objectContaining({ name: 'Amadou Koufa' }) })]);
    const losses = await request(EstimatesDocument, { filter: { kind: ['FORCES_KILLED'], country: 'ML' } });
    expect(losses.estimates.edges[0]?.node).toMatchObject({ min: 100, qualifier: 'MORE_THAN', organization: { slug: 'mali-defence-and-security-forces' } });
  });

  it('writes a cited fact with a key, and follows the entity\'s changes over SSE', async () => {
    const apiKey = (await createApiKey(app.db.prisma, 'sdk analyst', 'EDITOR')).key;
    const request = createClient(app.url, fetch, { apiKey });
    const { organization } = await request(CoalitionComponentsDocument, { slug: 'jnim' });
    const controller = new AbortController();
    const events = subscribe(app.url, EntityChangedDocument, { id: organization!.id }, controller.signal);
    const first = events.next();
    await new Promise((r) => setTimeout(r, 300));
    const created = await request(CreateSourceDocument, { input: { slug: 'sdk-report', title: 'SDK report', kind: 'NEWS', text: 'Locals call JNIM the Group of the Faithful.' } });
    if (created.createSource.__typename !== 'CreateSourcePayload') throw new Error(created.createSource.__typename);
    const added = await request(AddOrganizationFactsDocument, {
      input: { organization: organization!.id, aliases: [{ name: 'Group of the Faithful', kind: 'TRANSLATION', citations: [{ source: created.createSource.source.id, quote: 'Locals call JNIM the Group of the Faithful.' }] }] },
    });
    expect(added.addOrganizationFacts.__typename).toBe('OrganizationPayload');
    if (added.addOrganizationFacts.__typename === 'OrganizationPayload') expect(added.addOrganizationFacts.organization.aliases.map((a) => a.name)).toContain('Group of the Faithful');
    const event = await first;
    expect(event.value?.entityChanged).toMatchObject({ recordType: 'Alias', operation: 'INSERT', actor: 'key sdk analyst', action: 'addOrganizationFacts' });
    controller.abort();
    const refused = await request(AddOrganizationFactsDocument, {
      input: { organization: organization!.id, aliases: [{ name: 'Invented Name', kind: 'TRANSLATION', citations: [{ source: created.createSource.source.id, quote: 'Locals call JNIM' }] }] },
    });
    expect(refused.addOrganizationFacts).toMatchObject({ __typename: 'ProvenanceRefusal', code: 'NAME_NOT_STATED' });
  });

  it('surfaces API errors with their codes', async () => {
    const request = createClient(app.url);
    const error = await request(IncidentPageDocument, { first: 500 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphQLRequestError);
    expect((error as GraphQLRequestError).errors[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
