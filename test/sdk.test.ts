// The generated SDK (examples/sdk) against the real HTTP server, as a client team would use it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../src/app.js';
import { createClient, GraphQLRequestError } from '../examples/sdk/src/client.js';
import { CoalitionComponentsDocument, IncidentPageDocument, IncidentsPerYearDocument } from '../examples/sdk/src/generated/graphql.js';

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
  });

  it('surfaces API errors with their codes', async () => {
    const request = createClient(app.url);
    const error = await request(IncidentPageDocument, { first: 500 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphQLRequestError);
    expect((error as GraphQLRequestError).errors[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
