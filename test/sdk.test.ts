// The generated SDK (examples/sdk) against the real HTTP server, as a client team would use it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../src/app.js';
import { createClient, GraphQLRequestError } from '../examples/sdk/src/client.js';
import { CoalitionComponentsDocument, EstimatesDocument, IncidentPageDocument, IncidentsPerYearDocument } from '../examples/sdk/src/generated/graphql.js';

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

  it('surfaces API errors with their codes', async () => {
    const request = createClient(app.url);
    const error = await request(IncidentPageDocument, { first: 500 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphQLRequestError);
    expect((error as GraphQLRequestError).errors[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
