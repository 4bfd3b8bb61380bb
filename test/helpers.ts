// Test fixtures: a migrated (and usually seeded) in-memory PGlite, and ways to run operations
// against the schema directly or over HTTP through Yoga, as clients do.
import { graphql, type ExecutionResult } from 'graphql';
import { openDatabase, type Database } from '../src/db/client.js';
import { contextFactory, type ContextOptions } from '../src/context.js';
import { schema } from '../src/schema/index.js';
import { createApi, type Api } from '../src/http/yoga.js';
import { createLoaders } from '../src/resolvers/loaders.js';
import { expect, inject } from 'vitest';
import { readFileSync } from 'node:fs';

export interface TestDatabase extends Database {}

/**
 * A migrated, and unless `seed: false` seeded, in-memory database of its own, started from the dump
 * test/global-setup.ts made (migrating and seeding each one would cost seconds).
 */
export async function createTestDatabase(options: { seed?: boolean } = {}): Promise<TestDatabase> {
  const dumps = inject('pgliteDumps');
  const dump = readFileSync((options.seed ?? true) ? dumps.seeded : dumps.migrated);
  return openDatabase({ kind: 'pglite-memory', loadDataDir: new Blob([dump]) }, { logQueries: true });
}

export interface GraphQLResponse<T = Record<string, unknown>> {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string } & Record<string, unknown> }[];
}

/** Executes an operation against the schema, bypassing HTTP (no error masking). */
export async function runQuery<T = Record<string, any>>(
  db: Database,
  source: string,
  variableValues?: Record<string, unknown>,
  context?: ContextOptions,
): Promise<ExecutionResult<T>> {
  return (await graphql({ schema, source, variableValues, contextValue: contextFactory(db, context)() })) as ExecutionResult<T>;
}

/** Runs an operation and fails the test on any error; returns `data`. */
export async function queryData<T = Record<string, any>>(db: Database, source: string, variables?: Record<string, unknown>, context?: ContextOptions): Promise<T> {
  const result = await runQuery<T>(db, source, variables, context);
  if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
  return result.data as T;
}

export function createTestApi(db: Database): Api {
  return createApi({ db, logging: 'error' });
}

/** POSTs an operation to the in-process Yoga server, as a client would. */
export async function postQuery<T = Record<string, any>>(
  api: Api,
  query: string,
  variables?: Record<string, unknown>,
): Promise<{ status: number; body: GraphQLResponse<T> }> {
  const response = await api.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as GraphQLResponse<T> };
}

/** Counts the SQL statements sent (by Prisma and raw) while `run` executes. */
export async function countQueries<T>(db: Database, run: () => Promise<T>): Promise<{ result: T; queries: string[] }> {
  const queries: string[] = [];
  const stop = db.onQuery((sql) => queries.push(sql));
  try {
    const result = await run();
    return { result, queries };
  } finally {
    stop();
  }
}

/**
 * The raw-SQL entity loaders give exactly the rows Prisma gives: same fields, same values, dates as
 * the same instants. Checked on every seeded organization, person, incident and source.
 */
export async function expectRawEntityRowsToMatchPrisma(db: Database) {
  const loaders = createLoaders(db.prisma, db.scripts);
  const without = (row: object, columns: readonly string[]) => Object.fromEntries(Object.entries(row).filter(([key]) => !columns.includes(key)));
  const only = (row: object, columns: readonly string[]) => Object.fromEntries(Object.entries(row).filter(([key]) => columns.includes(key)));
  const organizationRows = await db.prisma.organization.findMany();
  const personRows = await db.prisma.person.findMany();
  // [Prisma's rows, the loader by ID, the columns the loader leaves out (lean rows: src/resolvers/lean-rows.ts)]
  const tables = [
    [organizationRows, loaders.organizationLoader, ['summary', 'ideology', 'createdAt', 'updatedAt']],
    [personRows, loaders.personLoader, ['biography', 'createdAt', 'updatedAt']],
    [await db.prisma.incident.findMany(), loaders.incidentLoader, []],
    [await db.prisma.source.findMany(), loaders.sourceLoader, []],
  ] as const;
  for (const [rows, loader, leftOut] of tables) {
    expect(rows.length).toBeGreaterThan(0);
    const raw = await Promise.all(rows.map((row) => (loader as { load: (id: string) => Promise<unknown> }).load(row.id)));
    expect(raw).toStrictEqual(rows.map((row) => without(row, leftOut)));
    const bySlug = [loaders.organizationBySlugLoader, loaders.personBySlugLoader, loaders.incidentBySlugLoader][tables.findIndex(([r]) => r === rows)];
    if (bySlug) {
      const slugged = await Promise.all(rows.map((row) => bySlug.load((row as { slug: string }).slug)));
      expect(slugged).toStrictEqual(rows.map((row) => ({ ...row })));
    }
  }
  // The texts lean rows leave out, read apart by ID.
  const texts = await Promise.all(organizationRows.map((o) => loaders.organizationTextLoader.load(o.id)));
  expect(texts).toStrictEqual(organizationRows.map((o) => only(o, ['id', 'summary', 'ideology'])));
  expect(texts.some((t) => t?.summary)).toBe(true);
  const biographies = await Promise.all(personRows.map((p) => loaders.personTextLoader.load(p.id)));
  expect(biographies).toStrictEqual(personRows.map((p) => only(p, ['id', 'biography'])));
  // Children read in raw SQL, in Prisma's order: each parent's list equals Prisma's for that parent.
  const organizations = organizationRows.map((o) => o.id);
  const persons = personRows.map((p) => p.id);
  const incidents = (await db.prisma.incident.findMany({ select: { id: true } })).map((i) => i.id);
  const byName = [{ name: 'asc' as const }, { id: 'asc' as const }];
  const byStart = [{ startEarliest: { sort: 'asc' as const, nulls: 'first' as const } }, { id: 'asc' as const }];
  const children = [
    [organizations, loaders.aliasesByOrganizationLoader, (id: string) => db.prisma.alias.findMany({ where: { organizationId: id }, orderBy: byName })],
    [persons, loaders.aliasesByPersonLoader, (id: string) => db.prisma.alias.findMany({ where: { personId: id }, orderBy: byName })],
    [organizations, loaders.outgoingRelationsLoader, (id: string) => db.prisma.organizationRelation.findMany({ where: { fromId: id }, orderBy: byStart })],
    [organizations, loaders.incomingRelationsLoader, (id: string) => db.prisma.organizationRelation.findMany({ where: { toId: id }, orderBy: byStart })],
    [organizations, loaders.membershipsByOrganizationLoader, (id: string) => db.prisma.membership.findMany({ where: { organizationId: id }, orderBy: byStart })],
    [organizations, loaders.leadersByOrganizationLoader, (id: string) => db.prisma.membership.findMany({ where: { organizationId: id, role: 'LEADER' }, orderBy: byStart })],
    [persons, loaders.membershipsByPersonLoader, (id: string) => db.prisma.membership.findMany({ where: { personId: id }, orderBy: byStart })],
    [incidents, loaders.perpetratorsByIncidentLoader, (id: string) => db.prisma.incidentPerpetrator.findMany({ where: { incidentId: id }, orderBy: [{ attribution: 'asc' }, { id: 'asc' }] })],
    [organizations, loaders.citationsLoader('organizationId'), (id: string) => db.prisma.citation.findMany({ where: { organizationId: id }, orderBy: { id: 'asc' } })],
    [incidents, loaders.citationsLoader('incidentId'), (id: string) => db.prisma.citation.findMany({ where: { incidentId: id }, orderBy: { id: 'asc' } })],
  ] as const;
  for (const [parents, loader, prismaRows] of children) {
    const raw = await Promise.all(parents.map((id) => (loader as { load: (id: string) => Promise<unknown[]> }).load(id)));
    const expected = await Promise.all(parents.map(async (id) => (await (prismaRows as (id: string) => Promise<object[]>)(id)).map((row) => ({ ...row }))));
    expect(raw.flat().length).toBeGreaterThan(0);
    expect(raw).toStrictEqual(expected);
  }
}

export interface KeyedAnswer { status: number; body: { data?: Record<string, any> | null; errors?: { message: string; extensions: { code: string } }[] } }

/**
 * POSTs operations to an in-process server as a client holding `key` (none: anonymous). An operation the test
 * itself got wrong fails at once, rather than as a missing field far from its cause.
 */
export function keyedPoster(api: () => Api) {
  return async (query: string, variables: Record<string, unknown> = {}, key?: string): Promise<KeyedAnswer> => {
    const response = await api().fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as KeyedAnswer['body'];
    if (body.errors?.some((e) => e.extensions.code === 'GRAPHQL_VALIDATION_FAILED')) throw new Error(JSON.stringify(body.errors));
    return { status: response.status, body };
  };
}

/** Whether a Redis answers at `url` (tests that need one are skipped without it, except in CI, which starts one). */
export async function redisAnswers(url: string): Promise<boolean> {
  const { Redis } = await import('ioredis');
  const client = new Redis(url, { lazyConnect: true, connectTimeout: 500, maxRetriesPerRequest: 0, enableOfflineQueue: false });
  client.on('error', () => {});
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}
