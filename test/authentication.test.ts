// API keys over HTTP: `Authorization: Bearer <key>` verified against the keys held. An invented key once
// bought a fresh rate budget (a 429, then the same query with `x-api-key: anything-new` answered 200); now a
// key no one made is refused with 401, and a verified key spends its own budget wherever it calls from.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../src/app.js';
import { createApiKey, keyVerifier, revokeApiKey } from '../src/auth/api-keys.js';
import { MAX_REFUSED_KEYS_PER_MINUTE } from '../src/http/authentication.js';
import { jsonLogger } from '../src/http/observability.js';
import { createApi } from '../src/http/yoga.js';
import { createTestDatabase } from './helpers.js';

const run = promisify(execFile);
const VIEWER = '{ viewer { authenticated name role } }';
// Costs well over a tenth of the budget below: ten of them spend it.
const COSTLY = '{ organizations(first: 100) { edges { node { name aliases { name } } } } }';

async function post(url: string, query: string, authorization?: string) {
  const response = await fetch(new URL('/graphql', url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify({ query }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: JSON.parse(text) as { data?: Record<string, any>; errors?: { message: string; extensions: { code: string } }[] } };
}

describe('API keys', () => {
  let app: RunningApp;
  let reader: string;
  let admin: string;
  let revoked: { key: string; prefix: string };
  beforeAll(async () => {
    const db = await createTestDatabase();
    reader = (await createApiKey(db.prisma, 'newsroom analysts', 'READER')).key;
    admin = (await createApiKey(db.prisma, 'the operators', 'ADMIN')).key;
    const made = await createApiKey(db.prisma, 'a departed contractor', 'EDITOR');
    revoked = { key: made.key, prefix: made.record.prefix };
    const dump = await db.dumpDataDir!();
    await db.close();
    app = await startApp({
      port: 0, host: '127.0.0.1', database: { kind: 'pglite-memory', loadDataDir: dump }, logLevel: 'silent', seedIfEmpty: false,
      costLimit: 20_000, rateLimitPerMinute: 200_000, anonymousRateLimitPerMinute: 20_000, responseCacheTtlSeconds: 0,
    });
  }, 60_000);
  afterAll(() => app?.stop());

  it('verifies a key and says whose it is; without one, the caller reads anonymously', async () => {
    const anonymous = await post(app.url, VIEWER);
    expect(anonymous.status).toBe(200);
    expect(anonymous.body.data!.viewer).toEqual({ authenticated: false, name: null, role: null });
    const verified = await post(app.url, VIEWER, `Bearer ${reader}`);
    expect(verified.status).toBe(200);
    expect(verified.body.data!.viewer).toEqual({ authenticated: true, name: 'newsroom analysts', role: 'READER' });
  });

  it('refuses a key no one made, a malformed header and a revoked key with 401 UNAUTHENTICATED, echoing none of them', async () => {
    const invented = `sk_${'A'.repeat(43)}`;
    for (const authorization of [`Bearer ${invented}`, 'Bearer anything-new', 'Basic dXNlcjpwYXNz']) {
      const refused = await post(app.url, VIEWER, authorization);
      expect(refused.status).toBe(401);
      expect(refused.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(refused.body.errors![0]!.extensions.code).toBe('UNAUTHENTICATED');
      expect(refused.body.data).toBeUndefined();
      expect(refused.text).not.toContain(authorization.split(' ')[1]);
    }
    expect((await post(app.url, VIEWER, `Bearer ${revoked.key}`)).status).toBe(200);
    expect(await revokeApiKey(app.db.prisma, revoked.prefix)).toBe(1);
    // Verified answers are remembered for a second at most.
    await new Promise((r) => setTimeout(r, 1_100));
    const after = await post(app.url, VIEWER, `Bearer ${revoked.key}`);
    expect(after.status).toBe(401);
    expect(after.body.errors![0]!.message).toMatch(/unknown or revoked/);
  });

  it('lets an admin list the keys, never the keys themselves; a reader is FORBIDDEN, an anonymous caller UNAUTHENTICATED', async () => {
    const LIST = '{ apiKeys { name role prefix revokedAt } }';
    const listed = await post(app.url, LIST, `Bearer ${admin}`);
    expect(listed.status).toBe(200);
    expect(listed.body.data!.apiKeys.map((k: { name: string }) => k.name)).toEqual(expect.arrayContaining(['newsroom analysts', 'the operators']));
    expect(listed.text).not.toContain(reader);
    expect(listed.text).not.toContain(admin);
    const forbidden = await post(app.url, LIST, `Bearer ${reader}`);
    expect(forbidden.body.errors![0]!.extensions.code).toBe('FORBIDDEN');
    expect(forbidden.body.data).toBeNull();
    const anonymous = await post(app.url, LIST);
    expect(anonymous.body.errors![0]!.extensions.code).toBe('UNAUTHENTICATED');
    expect(anonymous.text).not.toContain('newsroom analysts');
  });

  it('counts a verified key\'s budget apart from its address, anonymous callers from a smaller one; an invented key gets no budget at all', async () => {
    let limited: Awaited<ReturnType<typeof post>> | undefined;
    for (let i = 0; i < 40 && !limited; i++) {
      const answer = await post(app.url, COSTLY);
      if (answer.status === 429) limited = answer;
    }
    expect(limited?.body.errors![0]!.extensions.code).toBe('RATE_LIMITED');
    expect((limited?.body.errors![0]!.extensions as unknown as { cost: { budget: number } }).cost.budget).toBe(20_000);
    // The same address, the reader's key: its own, larger budget.
    const keyed = await post(app.url, COSTLY, `Bearer ${reader}`);
    expect(keyed.status).toBe(200);
    // The same address, a key no one made: refused, not a fresh budget.
    expect((await post(app.url, COSTLY, `Bearer sk_${'B'.repeat(43)}`)).status).toBe(401);
  });
});

describe('npm run keys', () => {
  it('creates a key shown once, lists keys by prefix and never by key, and revokes by prefix', { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keys-'));
    const env = { ...process.env, DATABASE_URL: `file:${join(dir, 'db')}` };
    const cli = (...args: string[]) => run('node', ['--import', 'tsx', 'src/auth/keys-main.ts', ...args], { env });
    try {
      const created = await cli('create', '--name', 'desk editors', '--role', 'editor');
      const key = created.stdout.trim();
      expect(key).toMatch(/^sk_[A-Za-z0-9_-]{43}$/);
      expect(created.stderr).toMatch(/Created editor key sk_\S{5}… for "desk editors".*It is shown once/s);
      expect((await cli('revoke', key.slice(0, 8))).stdout).toMatch(/Revoked 1 key/);
      const listed = (await cli('list')).stdout;
      expect(listed).toMatch(new RegExp(`^${key.slice(0, 8)}…\teditor\tdesk editors\t\\S+\trevoked \\d{4}-`, 'm'));
      expect(listed).not.toContain(key);
      const bad = (await cli('create', '--name', 'x', '--role', 'owner').catch((e: unknown) => e)) as { code: number; stderr: string };
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/--role must be one of reader, editor, reviewer, admin/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('invented keys in bulk', () => {
  it('past 30 refused keys a minute, a client is refused with 429 without a lookup; anonymous reading goes on', async () => {
    const db = await createTestDatabase();
    try {
      const verify = keyVerifier(db.prisma);
      let lookups = 0;
      const api = createApi({ db, logging: 'error', identify: (authorization) => (lookups++, verify(authorization)) });
      const send = (authorization?: string) => api.fetch('http://localhost/graphql', {
        method: 'POST', headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) }, body: JSON.stringify({ query: VIEWER }),
      });
      for (let i = 0; i < MAX_REFUSED_KEYS_PER_MINUTE; i++) expect((await send(`Bearer sk_${String(i).padStart(43, 'D')}`)).status).toBe(401);
      const before = lookups;
      const throttled = await send(`Bearer sk_${'E'.repeat(43)}`);
      expect(throttled.status).toBe(429);
      expect(throttled.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(((await throttled.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('RATE_LIMITED');
      expect(lookups).toBe(before);
      expect((await send()).status).toBe(200);
    } finally {
      await db.close();
    }
  });
});

describe('keys in logs', () => {
  it('never writes a key or an Authorization header to the log, whether the key is verified or refused', async () => {
    const db = await createTestDatabase();
    const lines: string[] = [];
    try {
      const { key } = await createApiKey(db.prisma, 'log reader', 'READER');
      const api = createApi({ db, logging: jsonLogger('debug', { write: (line: string) => void lines.push(line) }), identify: keyVerifier(db.prisma) });
      const send = (authorization: string, query = VIEWER) => api.fetch('http://localhost/graphql', {
        method: 'POST', headers: { 'content-type': 'application/json', authorization }, body: JSON.stringify({ query }),
      });
      const invented = `sk_${'C'.repeat(43)}`;
      expect((await send(`Bearer ${key}`)).status).toBe(200);
      expect((await send(`Bearer ${key}`, '{ apiKeys { name } }')).status).toBe(403);
      expect((await send(`Bearer ${invented}`)).status).toBe(401);
      expect((await send('Basic c2VjcmV0OnBhc3N3b3Jk')).status).toBe(401);
      expect(lines.length).toBeGreaterThan(3);
      const log = lines.join('\n');
      for (const secret of [key, invented, 'c2VjcmV0OnBhc3N3b3Jk', key.slice(3, 20)]) expect(log).not.toContain(secret);
      expect(log.toLowerCase()).not.toContain('authorization');
    } finally {
      await db.close();
    }
  });
});

describe('single sign-on', () => {
  let app: RunningApp;
  let jwks: import('node:http').Server;
  let sign: (claims: Record<string, unknown>, options?: { audience?: string; expires?: string; key?: 'other' }) => Promise<string>;
  beforeAll(async () => {
    const { SignJWT, exportJWK, generateKeyPair } = await import('jose');
    const { createServer } = await import('node:http');
    const provider = await generateKeyPair('RS256');
    const stranger = await generateKeyPair('RS256');
    const published = { keys: [{ ...(await exportJWK(provider.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' }] };
    jwks = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(published)));
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    const jwksUrl = `http://127.0.0.1:${(jwks.address() as import('node:net').AddressInfo).port}/jwks.json`;
    sign = (claims, options = {}) => new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setIssuer('https://idp.example')
      .setAudience(options.audience ?? 'sahel-graph').setIssuedAt().setExpirationTime(options.expires ?? '5m')
      .sign(options.key === 'other' ? stranger.privateKey : provider.privateKey);
    const db = await createTestDatabase();
    const dump = await db.dumpDataDir!();
    await db.close();
    app = await startApp({
      port: 0, host: '127.0.0.1', database: { kind: 'pglite-memory', loadDataDir: dump }, logLevel: 'silent', seedIfEmpty: false,
      responseCacheTtlSeconds: 0, sso: { jwksUrl, issuer: 'https://idp.example', audience: 'sahel-graph', roleClaim: 'groups' },
    });
  }, 60_000);
  afterAll(async () => {
    await app?.stop();
    jwks?.close();
  });

  it('takes a token of the identity provider with its role from the claim, and lets an editor write', async () => {
    const token = await sign({ sub: 'u-42', name: 'Aminata Field', groups: ['reader', 'editor'] });
    const viewer = await post(app.url, VIEWER, `Bearer ${token}`);
    expect(viewer.body.data!.viewer).toEqual({ authenticated: true, name: 'Aminata Field', role: 'EDITOR' });
    const written = await post(app.url, 'mutation { createSource(input: { slug: "sso-note", title: "SSO note", kind: NEWS }) { __typename } }', `Bearer ${token}`);
    expect(written.body.data!.createSource.__typename).toBe('CreateSourcePayload');
    const history = await post(app.url, '{ source(slug: "sso-note") { history(first: 1) { edges { node { actor actorRole } } } } }');
    expect(history.body.data!.source.history.edges[0].node).toEqual({ actor: 'key Aminata Field', actorRole: 'EDITOR' });
  });

  it('refuses a token for another audience, an expired one, one signed by another key and one without a role, echoing none', async () => {
    const tokens = [
      await sign({ sub: 'u-1', groups: 'editor' }, { audience: 'another-api' }),
      await sign({ sub: 'u-1', groups: 'editor' }, { expires: '-1m' }),
      await sign({ sub: 'u-1', groups: 'editor' }, { key: 'other' }),
      await sign({ sub: 'u-1', groups: ['staff'] }),
    ];
    for (const token of tokens) {
      const refused = await post(app.url, VIEWER, `Bearer ${token}`);
      expect(refused.status).toBe(401);
      expect(refused.body.errors![0]!.extensions.code).toBe('UNAUTHENTICATED');
      expect(refused.text).not.toContain(token.split('.')[1]!);
    }
  });
});
