// Organizations, persons, incidents and sources are loaded by ID in raw SQL (see tableRows in
// src/resolvers/loaders.ts); these rows must be exactly Prisma's, in any time zone of the process.
process.env.TZ = 'America/Los_Angeles';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, expectRawEntityRowsToMatchPrisma, queryData, type TestDatabase } from './helpers.js';

describe('entity rows loaded in raw SQL', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());

  it('equal Prisma’s rows, field for field, west of Greenwich', async () => {
    expect(new Date(0).getTimezoneOffset()).toBeGreaterThan(0);
    await expectRawEntityRowsToMatchPrisma(db);
  });

  it('keep partial dates on their day through the API', async () => {
    const data = await queryData(db, '{ organization(slug: "jnim") { founded { iso earliest precision } } }');
    expect(data.organization.founded).toEqual({ iso: '2017-03', earliest: '2017-03-01', precision: 'MONTH' });
  });
});
