import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/client.js';
import type { PrismaClient } from '../src/generated/prisma/client.js';
import { dataset } from '../src/seed/data/index.js';
import { loadSeed } from '../src/seed/load.js';
import type { SeedDataset } from '../src/seed/schema.js';
import { SeedValidationError } from '../src/seed/validate.js';
import { createTestDatabase, type TestDatabase } from './helpers.js';

const run = promisify(execFile);

async function counts(prisma: PrismaClient) {
  return {
    organizations: await prisma.organization.count(),
    persons: await prisma.person.count(),
    aliases: await prisma.alias.count(),
    relations: await prisma.organizationRelation.count(),
    memberships: await prisma.membership.count(),
    incidents: await prisma.incident.count(),
    estimates: await prisma.estimate.count(),
    citations: await prisma.citation.count(),
    sources: await prisma.source.count(),
    searchNames: await prisma.searchName.count(),
    // The search vocabulary's name counts must not drift when the same names are indexed again.
    wordNameCounts: (await prisma.searchWord.aggregate({ _sum: { df: true } }))._sum.df ?? 0,
  };
}

function withDanglingMembership(): SeedDataset {
  const copy = structuredClone(dataset);
  copy.persons[0]!.memberships![0]!.organization = 'no-such-group';
  return copy;
}

describe('seed loader', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ seed: false });
  });
  afterAll(() => db.close());

  it('rejects a dataset with a dangling reference, naming record and field, and writes nothing', async () => {
    const error = await loadSeed(db.prisma, withDanglingMembership()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SeedValidationError);
    expect((error as Error).message).toContain('persons[iyad-ag-ghali].memberships[0].organization: unknown organization "no-such-group"');
    expect(Object.values(await counts(db.prisma)).every((n) => n === 0)).toBe(true);
  });

  it('rejects a quote that is not a passage of its source', async () => {
    const copy = structuredClone(dataset);
    copy.organizations[0]!.citations[0]!.quote = 'JNIM was founded in 2012 in Timbuktu.';
    await expect(loadSeed(db.prisma, copy)).rejects.toThrow(/organizations\[jnim\]\.citations\[0\]\.quote: not found in source/);
  });

  it('rejects invented precision and malformed values before writing', async () => {
    const copy = structuredClone(dataset);
    copy.organizations[0]!.founded = '2017-13';
    copy.incidents[0]!.killed = { min: 5, max: 2 };
    copy.incidents[1]!.killed = { min: 5 };
    copy.incidents[2]!.killed = { min: 5, max: 6, qualifier: 'EXACT' };
    const error = (await loadSeed(db.prisma, copy).catch((e: unknown) => e)) as SeedValidationError;
    expect(error).toBeInstanceOf(SeedValidationError);
    expect(error.problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^organizations\[jnim\]\.founded: .*no month 13/),
        expect.stringMatching(/^incidents\[2017-06-bamako-resort-attack\]\.killed: min must not exceed max/),
        // A lone bound must say which words it stands for ("at least", "more than").
        expect.stringMatching(/^incidents\[2018-03-02-ouagadougou-attacks\]\.killed: one bound alone needs a qualifier/),
        expect.stringMatching(/^incidents\[2018-06-african-coalition-base-suicide-attack\]\.killed: EXACT needs min = max/),
      ]),
    );
    expect(await db.prisma.organization.count()).toBe(0);
  });

  it('rolls back everything when a write fails midway', async () => {
    // Entities are written by then, and facts of other tables.
    const failing = db.prisma.$extends({
      query: {
        async $queryRawUnsafe({ args, query }) {
          if (String(args[0]).startsWith('INSERT INTO "Membership"')) throw new Error('disk full');
          return query(args);
        },
      },
    }) as unknown as PrismaClient;
    await expect(loadSeed(failing, dataset)).rejects.toThrow('disk full');
    expect(Object.values(await counts(db.prisma)).every((n) => n === 0)).toBe(true);
  });

  it('loads the dataset, and a second load changes nothing', async () => {
    const writes: string[] = [];
    const stop = db.onQuery((sql) => {
      const table = /^\s*(?:INSERT INTO|UPDATE|DELETE FROM)\s+((?:"\w+"\.)?"\w+")/.exec(sql)?.[1];
      if (table) writes.push(table);
    });
    const first = await loadSeed(db.prisma, dataset).finally(stop);
    // Set-based: a statement per table written, not one per row (the dataset holds hundreds of rows).
    expect(first.citations).toBeGreaterThan(200);
    expect(writes.length).toBeGreaterThan(15);
    expect(writes.filter((table, index) => writes.indexOf(table) !== index)).toEqual([]);
    expect(first.organizations).toBeGreaterThanOrEqual(12);
    const before = await counts(db.prisma);
    const ids = (await db.prisma.citation.findMany({ select: { id: true }, orderBy: { id: 'asc' } })).map((c) => c.id);
    await loadSeed(db.prisma, dataset);
    expect(await counts(db.prisma)).toEqual(before);
    expect((await db.prisma.citation.findMany({ select: { id: true }, orderBy: { id: 'asc' } })).map((c) => c.id)).toEqual(ids);
    expect(before.citations).toBe(first.citations);
  });

  it('gives every record a citation', async () => {
    const uncited = await db.scripts.query<{ kind: string; n: number }>(`
      SELECT 'organization' AS kind, count(*)::int AS n FROM "Organization" o WHERE NOT EXISTS (SELECT 1 FROM "Citation" c WHERE c."organizationId" = o.id)
      UNION ALL SELECT 'person', count(*)::int FROM "Person" p WHERE NOT EXISTS (SELECT 1 FROM "Citation" c WHERE c."personId" = p.id)
      UNION ALL SELECT 'alias', count(*)::int FROM "Alias" a WHERE NOT EXISTS (SELECT 1 FROM "Citation" c WHERE c."aliasId" = a.id)
      UNION ALL SELECT 'relation', count(*)::int FROM "OrganizationRelation" r WHERE NOT EXISTS (SELECT 1 FROM "Citation" c WHERE c."relationId" = r.id)
      UNION ALL SELECT 'membership', count(*)::int FROM "Membership" m WHERE NOT EXISTS (SELECT 1 FROM "Citation" c WHERE c."membershipId" = m.id)
      UNION ALL SELECT 'incident', count(*)::int FROM "Incident" i WHERE NOT EXISTS (SELECT 1 FROM "Citation" c WHERE c."incidentId" = i.id)
      UNION ALL SELECT 'estimate', count(*)::int FROM "Estimate" e WHERE NOT EXISTS (SELECT 1 FROM "Citation" c WHERE c."estimateId" = e.id)
      UNION ALL SELECT 'designation', count(*)::int FROM "Designation" d WHERE NOT EXISTS (SELECT 1 FROM "Citation" c WHERE c."designationId" = d.id)
      UNION ALL SELECT 'funding', count(*)::int FROM "FundingStream" f WHERE NOT EXISTS (SELECT 1 FROM "Citation" c WHERE c."fundingStreamId" = f.id)
      UNION ALL SELECT 'perpetrator', count(*)::int FROM "IncidentPerpetrator" p WHERE NOT EXISTS (SELECT 1 FROM "Citation" c WHERE c."perpetratorId" = p.id)
    `);
    expect(uncited.filter((row) => row.n > 0)).toEqual([]);
  });
});

describe('npm run seed', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'seed-cli-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('rejects a seed file with a dangling reference: message, exit code 1, nothing written', async () => {
    const file = join(scratch, 'broken.json');
    writeFileSync(file, JSON.stringify(withDanglingMembership()));
    const dataDir = join(scratch, 'pglite');
    const failure = await run('node', ['--import', 'tsx', 'src/seed/main.ts', file], {
      env: { ...process.env, DATABASE_URL: `file:${dataDir}` },
    }).catch((e: { code: number; stderr: string }) => e);
    expect((failure as { code: number }).code).toBe(1);
    expect((failure as { stderr: string }).stderr).toContain(
      'persons[iyad-ag-ghali].memberships[0].organization: unknown organization "no-such-group"',
    );
    const db = await openDatabase({ kind: 'pglite', dataDir });
    try {
      expect(await db.prisma.organization.count()).toBe(0);
      expect(await db.prisma.citation.count()).toBe(0);
    } finally {
      await db.close();
    }
  });
});
