// Two API servers on one server PostgreSQL and one Redis, as in production: a write on one reaches a
// subscriber of the other (GraphQL over SSE) within a second, the other's response cache stops serving the
// old answer at once, and a revoked key stops working on both within a second.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../src/app.js';
import { createApiKey, revokeApiKey } from '../src/auth/api-keys.js';
import { adminQuery, adminUrl, serverPostgresAvailable } from './server-postgres.js';
import { redisAnswers } from './helpers.js';
import { subscribe } from '../examples/sdk/src/client.js';
import { parse } from 'graphql';

const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** CI starts both; elsewhere the test is skipped when either is missing. */
const available = serverPostgresAvailable && (process.env.CI === 'true' || (await redisAnswers(redisUrl)));

const REPORT = 'The report says JNIM fighters, whom villagers call the Katiba of the Dunes, crossed into Benin in 2025.';

async function post(app: RunningApp, query: string, variables: Record<string, unknown> = {}, key?: string) {
  const response = await fetch(app.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as { data?: Record<string, any>; errors?: { extensions: { code: string } }[] } };
}

/** A subscription over SSE (the SDK's client): its next event, or null past the timeout. */
function follow(app: RunningApp, query: string) {
  const controller = new AbortController();
  const events = subscribe(app.url, parse(query) as never, {}, controller.signal);
  const pending = events.next();
  return {
    next: (timeoutMs: number) => Promise.race([pending.then((r) => (r.done ? null : (r.value as Record<string, any>))), new Promise<null>((r) => setTimeout(() => r(null), timeoutMs))]),
    close: () => controller.abort(),
  };
}

describe.skipIf(!available)('live changes across two servers', () => {
  const name = `sahel_live_${randomBytes(4).toString('hex')}`;
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  let one: RunningApp;
  let two: RunningApp;
  let editor: string;
  let doomed: { key: string; prefix: string };

  beforeAll(async () => {
    await adminQuery(`CREATE DATABASE "${name}"`);
    const config = {
      port: 0, host: '127.0.0.1', database: { kind: 'postgres' as const, url: url.toString() }, logLevel: 'silent' as const,
      redisUrl, responseCacheTtlSeconds: 60,
    };
    one = await startApp({ ...config, seedIfEmpty: true });
    two = await startApp({ ...config, seedIfEmpty: false });
    editor = (await createApiKey(one.db.prisma, 'field analyst', 'EDITOR')).key;
    const made = await createApiKey(one.db.prisma, 'leaving soon', 'READER');
    doomed = { key: made.key, prefix: made.record.prefix };
  }, 120_000);
  afterAll(async () => {
    await one?.stop();
    await two?.stop();
    await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });

  it('delivers a write on one server to a subscriber of the other within a second, and the other stops serving the old answer', async () => {
    const jnim = (await post(two, '{ organization(slug: "jnim") { id } }')).body.data!.organization.id;
    const ALIASES = '{ organization(slug: "jnim") { aliases { name } } }';
    // Cached on the second server (asked twice).
    await post(two, ALIASES);
    const cachedBefore = await post(two, ALIASES);
    expect(cachedBefore.body.data!.organization.aliases.map((a: { name: string }) => a.name)).not.toContain('Katiba of the Dunes');

    const feed = follow(two, `subscription { entityChanged(id: "${jnim}") { sequence recordType operation actor action } }`);
    // Yoga opens the stream before the subscription is registered with the pub/sub: let it settle.
    await new Promise((r) => setTimeout(r, 300));
    const source = await post(one, `mutation($input: CreateSourceInput!) { createSource(input: $input) { ... on CreateSourcePayload { source { id } } } }`,
      { input: { slug: 'dunes-report', title: 'The Dunes report', kind: 'RESEARCH', text: REPORT } }, editor);
    const sourceId = source.body.data!.createSource.source.id;
    const started = performance.now();
    const added = await post(one, `mutation($input: AddOrganizationFactsInput!) { addOrganizationFacts(input: $input) { __typename } }`, {
      input: { organization: jnim, aliases: [{ name: 'Katiba of the Dunes', kind: 'ALTERNATIVE_NAME', citations: [{ source: sourceId, quote: 'whom villagers call the Katiba of the Dunes' }] }] },
    }, editor);
    expect(added.body.errors).toBeUndefined();
    expect(added.body.data!.addOrganizationFacts.__typename).toBe('OrganizationPayload');
    const event = await feed.next(1_000);
    const delay = performance.now() - started;
    expect(event, 'no event within 1 s').not.toBeNull();
    expect(event!.entityChanged).toMatchObject({ recordType: 'Alias', operation: 'INSERT', actor: 'key field analyst', action: 'addOrganizationFacts' });
    expect(delay).toBeLessThan(1_000);
    const after = await post(two, ALIASES);
    expect(after.body.data!.organization.aliases.map((a: { name: string }) => a.name)).toContain('Katiba of the Dunes');
    feed.close();
  });

  it('stops a revoked key on every server within a second', async () => {
    for (const app of [one, two]) expect((await post(app, '{ viewer { name } }', {}, doomed.key)).status).toBe(200);
    expect(await revokeApiKey(one.db.prisma, doomed.prefix)).toBe(1);
    await new Promise((r) => setTimeout(r, 1_100));
    for (const app of [one, two]) {
      const refused = await post(app, '{ viewer { name } }', {}, doomed.key);
      expect(refused.status).toBe(401);
      expect(refused.body.errors![0]!.extensions.code).toBe('UNAUTHENTICATED');
    }
  });
});

describe('change hub', () => {
  it('survives a Redis that is down: a write\'s publish resolves, refreshes this server, and rejects nothing unheard', async () => {
    const { createChangeHub } = await import('../src/history/events.js');
    const { connectRedis, connectRedisSubscriber } = await import('../src/http/redis.js');
    const hub = createChangeHub({ publish: connectRedis('redis://127.0.0.1:1'), subscribe: connectRedisSubscriber('redis://127.0.0.1:1') });
    let refreshed = 0;
    hub.onChange(() => void refreshed++);
    const change = { sequence: 1, at: new Date().toISOString(), recordType: 'Alias', recordId: '00000000-0000-4000-8000-000000000000', entityIds: [], operation: 'INSERT', action: 'x', actor: 'key x', actorRole: 'EDITOR', reason: null };
    await hub.publish([change]);
    expect(refreshed).toBe(1);
    // An unhandled rejection from the failed publish would fail this file.
    await new Promise((r) => setTimeout(r, 300));
    await hub.close();
  });
});
