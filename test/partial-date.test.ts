import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatPartialDate, parsePartialDate, PartialDateError } from '../src/partial-date.js';
import { loadSeed } from '../src/seed/load.js';
import type { SeedDataset } from '../src/seed/schema.js';
import { createTestDatabase, queryData, type TestDatabase } from './helpers.js';

describe('partial dates', () => {
  it('keep their precision: a month never becomes a day', () => {
    const march = parsePartialDate('2017-03');
    expect(march).toMatchObject({ precision: 'MONTH', qualifier: 'EXACT' });
    expect(march.earliest.toISOString().slice(0, 10)).toBe('2017-03-01');
    expect(march.latest.toISOString().slice(0, 10)).toBe('2017-03-31');
    expect(formatPartialDate(march)).toBe('2017-03');
    expect(formatPartialDate(parsePartialDate('2020-02'))).toBe('2020-02');
    expect(parsePartialDate('2020-02').latest.toISOString().slice(0, 10)).toBe('2020-02-29');
    expect(formatPartialDate(parsePartialDate('~1958'))).toBe('1958');
    expect(parsePartialDate('~1958').qualifier).toBe('APPROXIMATE');
    expect(formatPartialDate(parsePartialDate('2020-11-26/2020-11-27'))).toBe('2020-11-26/2020-11-27');
  });

  it('reject what is not a date', () => {
    for (const bad of ['2017-3', '2017-02-30', '2017-13', 'March 2017', '2018-03/2018-03-05', '2019/2018']) {
      expect(() => parsePartialDate(bad), bad).toThrow(PartialDateError);
    }
  });
});

describe('sorting dates of mixed precision', () => {
  let db: TestDatabase;
  const dates = ['2018-03-02', '2018', '~2018-03', '2018-03', '2018-03-01/2018-03-05', '2017-12-31', '2019'];
  beforeAll(async () => {
    db = await createTestDatabase({ seed: false });
    const doc = { source: 'test', quote: 'q' };
    const data: SeedDataset = {
      sources: [{ slug: 'test', title: 'Test', kind: 'NEWS' }],
      organizations: [],
      persons: [],
      fundingStreams: [],
      incidents: dates.map((date, i) => ({ slug: `incident-${i}`, title: date, kind: 'ATTACK', date, citations: [doc] })),
    };
    await loadSeed(db.prisma, data);
  });
  afterAll(() => db.close());

  it('orders by the earliest day, then the latest: less precise first when they start together', async () => {
    const data = await queryData(db, '{ incidents(orderBy: DATE_ASC) { edges { node { title date { iso qualifier } } } } }');
    expect(data.incidents.edges.map((e: { node: { title: string } }) => e.node.title)).toEqual([
      '2017-12-31',
      '2018',
      '2018-03-01/2018-03-05',
      '2018-03',
      '~2018-03',
      '2018-03-02',
      '2019',
    ]);
  });

  it('selects by overlap with a period', async () => {
    const data = await queryData(db, '{ incidents(filter: { from: "2018-03-03", to: "2018-03-31" }, orderBy: DATE_ASC) { totalCount edges { node { title } } } }');
    expect(data.incidents.edges.map((e: { node: { title: string } }) => e.node.title)).toEqual([
      '2018',
      '2018-03-01/2018-03-05',
      '2018-03',
      '~2018-03',
    ]);
    expect(data.incidents.totalCount).toBe(4);
  });
});
