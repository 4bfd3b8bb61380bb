// The server as a browser and a client see it: GraphiQL offline, JSON over HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_QUERY } from '../src/yoga.js';
import { createTestApi, createTestDatabase, postQuery, type TestDatabase } from './helpers.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.close());

describe('HTTP', () => {
  it('serves GraphiQL from /graphql, self-contained, opening on the JNIM example', async () => {
    const response = await createTestApi(db).fetch('http://localhost/graphql', { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('JnimComponents');
    // No script or stylesheet fetched from elsewhere: it must work with no internet access.
    expect(html).not.toMatch(/<script[^>]+src=["']https?:/);
    expect(html).not.toMatch(/<link[^>]+href=["']https?:/);
    expect(html.length).toBeGreaterThan(100_000);
  });

  it('the example query runs and returns components, leaders and citations', async () => {
    const { status, body } = await postQuery(createTestApi(db), EXAMPLE_QUERY);
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const organization = (body.data as { organization: { components: { citations: unknown[] }[] } }).organization;
    expect(organization.components).toHaveLength(4);
    expect(organization.components.every((c) => c.citations.length > 0)).toBe(true);
  });

  it('answers GET queries too', async () => {
    const response = await createTestApi(db).fetch('http://localhost/graphql?query=%7Borganization(slug%3A%22jnim%22)%7Bslug%7D%7D', {
      headers: { accept: 'application/json' },
    });
    expect((await response.json()).data).toEqual({ organization: { slug: 'jnim' } });
  });
});
