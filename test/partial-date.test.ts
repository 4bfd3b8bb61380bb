import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatPartialDate, parsePartialDate, PartialDateError } from '../src/values/partial-date.js';
import { loadSeed } from '../src/seed/load.js';
import type { SeedDataset } from '../src/seed/schema.js';
import { createTestDatabase, queryData, type TestDatabase } from './helpers.js';

describe('partial dates', () => {
  it('keep their precision: a month never becomes a day', () => {
    const march = parsePartialDate('2017-03');
    expect(march).toMatchObject({ precision: 'MONTH', qualifier: 'EXACT' });
    expect(march.earliest!.toISOString().slice(0, 10)).toBe('2017-03-01');
    expect(march.latest!.toISOString().slice(0, 10)).toBe('2017-03-31');
    expect(formatPartialDate(march)).toBe('2017-03');
    expect(formatPartialDate(parsePartialDate('2020-02'))).toBe('2020-02');
    expect(parsePartialDate('2020-02').latest!.toISOString().slice(0, 10)).toBe('2020-02-29');
    expect(formatPartialDate(parsePartialDate('~1958'))).toBe('1958');
    expect(parsePartialDate('~1958').qualifier).toBe('APPROXIMATE');
    expect(formatPartialDate(parsePartialDate('2020-11-26/2020-11-27'))).toBe('2020-11-26/2020-11-27');
  });

  it('may be open on one side: on or before, on or after (ISO 8601-2 "..")', () => {
    const before = parsePartialDate('../2020-11-13');
    expect(before).toMatchObject({ earliest: null, precision: 'DAY', qualifier: 'BEFORE' });
    expect(before.latest!.toISOString().slice(0, 10)).toBe('2020-11-13');
    expect(formatPartialDate(before)).toBe('../2020-11-13');
    const after = parsePartialDate('2019-07/..');
    expect(after).toMatchObject({ latest: null, precision: 'MONTH', qualifier: 'AFTER' });
    expect(after.earliest!.toISOString().slice(0, 10)).toBe('2019-07-01');
    expect(formatPartialDate(after)).toBe('2019-07/..');
    expect(() => parsePartialDate('../..')).toThrow(PartialDateError);
  });

  it('reject what is not a date', () => {
    for (const bad of ['2017-3', '2017-02-30', '2017-13', 'March 2017', '2018-03/2018-03-05', '2019/2018']) {
      expect(() => parsePartialDate(bad), bad).toThrow(PartialDateError);
    }
  });
});

describe('sorting dates of mixed precision', () => {
  let db: TestDatabase;
  const dates = ['2018-03-02', '2018', '~2018-03', '2018-03', '2018-03-01/2018-03-05', '2017-12-31', '2019', '../2018-03-04', '2018-03-10/..'];
  beforeAll(async () => {
    db = await createTestDatabase({ seed: false });
    const data: SeedDataset = {
      sources: [{ slug: 'test', title: 'Test', kind: 'NEWS' }],
      organizations: [],
      persons: [],
      fundingStreams: [],
      // Each quote states its date, as the provenance linter requires.
      incidents: dates.map((date, i) => ({
        slug: `incident-${i}`,
        title: date,
        kind: 'ATTACK',
        date,
        citations: [{ source: 'test', quote: `It happened ${date}.` }],
      })),
    };
    await loadSeed(db.prisma, data);
  });
  afterAll(() => db.close());

  it('orders by the earliest day, then the latest: less precise first when they start together; open dates by their known day', async () => {
    const data = await queryData(db, '{ incidents(orderBy: DATE_ASC) { edges { node { title date { iso qualifier } } } } }');
    expect(data.incidents.edges.map((e: { node: { title: string } }) => e.node.title)).toEqual([
      '2017-12-31',
      '2018',
      '2018-03-01/2018-03-05',
      '2018-03',
      '~2018-03',
      '2018-03-02',
      '../2018-03-04',
      '2018-03-10/..',
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

  it('matches an open date only when the period holds all of it, unless includeOpenDates asks', async () => {
    const titles = async (filter: string) =>
      (await queryData(db, `{ incidents(filter: ${filter}, orderBy: DATE_ASC) { edges { node { title } } } }`)).incidents.edges.map(
        (e: { node: { title: string } }) => e.node.title,
      );
    // On or before 2018-03-04 lies within "up to 2018-03-31"; on or after 2018-03-10 may not.
    expect(await titles('{ to: "2018-03-31" }')).toContain('../2018-03-04');
    expect(await titles('{ to: "2018-03-31" }')).not.toContain('2018-03-10/..');
    expect(await titles('{ from: "2018-03-03", to: "2018-03-31" }')).not.toContain('../2018-03-04');
    expect(await titles('{ from: "2018-03-03", to: "2018-03-31", includeOpenDates: true }')).toEqual([
      '2018',
      '2018-03-01/2018-03-05',
      '2018-03',
      '~2018-03',
      '../2018-03-04',
      '2018-03-10/..',
    ]);
    const open = await queryData(db, '{ incidents(filter: { from: "2018-03-10" }, orderBy: DATE_ASC) { edges { node { date { iso qualifier earliest latest year } } } } }');
    expect(open.incidents.edges.map((e: { node: unknown }) => e.node)).toContainEqual({
      date: { iso: '2018-03-10/..', qualifier: 'AFTER', earliest: '2018-03-10', latest: null, year: null },
    });
  });
});
