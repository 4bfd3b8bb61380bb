// `npm run import -- gtd`: Global Terrorism Database events (Latin-1 CSV) as incidents, with unknown
// months and days left unknown, hostages and ransom as estimates, and each cited report as a source.
// The fixture is the GTD header and four real 1970 rows (../shared/data-samples).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readImportFile } from '../src/import/file.js';
import { approxRange, planGtd } from '../src/import/gtd.js';
import { writePlan } from '../src/import/write.js';
import { lintDatabase } from '../src/provenance/lint.js';
import { createTestDatabase, queryData, type TestDatabase } from './helpers.js';

const SAMPLE = join(import.meta.dirname, 'fixtures', 'gtd_0718dist_first_rows_sample.csv');

describe('reading the GTD', () => {
  it('approxdate ranges of days', () => {
    expect(approxRange('January 19-20, 1970')).toBe('1970-01-19/1970-01-20');
    expect(approxRange('mid-1970')).toBeNull();
  });

  it('refuses a file whose header is not a GTD export, and names a bad row by its line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gtd-'));
    try {
      writeFileSync(join(dir, 'other.csv'), 'a,b\n1,2\n');
      expect(() => planGtd(readImportFile(join(dir, 'other.csv'), 'latin1'))).toThrow(/other\.csv: not a GTD export: the header lacks eventid/);
      const lines = readFileSync(SAMPLE, 'latin1').split('\n');
      lines[1] = lines[1]!.replace(/^(\d+),1970,/, '$1,19x0,');
      writeFileSync(join(dir, 'bad.csv'), lines.join('\n'), 'latin1');
      expect(planGtd(readImportFile(join(dir, 'bad.csv'), 'latin1')).problems).toEqual([
        { line: 2, message: expect.stringMatching(/^event 197000000001: iyear\/imonth\/iday "19x0\/7\/2" is not a date$/) },
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('importing GTD rows into the seeded graph', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
    const file = readImportFile(SAMPLE, 'latin1');
    await writePlan(db, file, 'gtd', planGtd(file), { progressTo: null });
  });
  afterAll(() => db.close());

  it('keeps unknown apart: month and day 0 give a year, 0 killed is none, a claim is CLAIMED only when claimed', async () => {
    const data = await queryData(db, `{
      kidnapping: incident(slug: "gtd-197000000002") {
        kind country date { iso precision } killed { min max } injured { min max }
        perpetrators { attribution organization { name externalIds { scheme value } } }
        estimates { kind min unit qualifier citations { quote locator } }
      }
      assassination: incident(slug: "gtd-197000000001") { kind date { iso precision } killed { min max qualifier } perpetrators { attribution } }
      bombing: incident(slug: "gtd-197001020002") { perpetrators { attribution } citations { locator source { title kind } } }
    }`);
    expect(data.kidnapping).toMatchObject({
      kind: 'KIDNAPPING', country: 'MX', date: { iso: '1970', precision: 'YEAR' }, killed: { min: 0, max: 0 }, injured: { min: 0, max: 0 },
      perpetrators: [{ attribution: 'ATTRIBUTED', organization: { name: '23rd of September Communist League', externalIds: [{ scheme: 'GTD_GROUP', value: '23rd of September Communist League' }] } }],
    });
    expect(data.kidnapping.estimates).toEqual(expect.arrayContaining([
      { kind: 'HOSTAGES', min: 1, unit: 'persons', qualifier: 'EXACT', citations: [{ quote: '1', locator: 'event 197000000002, nhostkid' }] },
      { kind: 'RANSOM_DEMANDED', min: 800000, unit: 'USD', qualifier: 'EXACT', citations: [{ quote: '800000', locator: 'event 197000000002, ransomamt' }] },
    ]));
    // `ransompaid` is empty: nothing is said of a payment.
    expect(data.kidnapping.estimates.filter((e: { kind: string }) => e.kind === 'RANSOM')).toEqual([]);
    expect(data.assassination).toMatchObject({ kind: 'TARGETED_KILLING', date: { iso: '1970-07-02', precision: 'DAY' }, killed: { min: 1, max: 1, qualifier: 'EXACT' } });
    // "Unknown" is no group: no perpetrator is invented.
    expect(data.bombing.perpetrators).toEqual([]);
    const reports = data.bombing.citations.filter((c: { locator: string }) => /scite/.test(c.locator));
    expect(reports).toHaveLength(2);
    for (const r of reports) expect(r.source.kind).toBe('REFERENCE');
    expect(await lintDatabase(db.prisma)).toEqual([]);
  });
});

// The codebook: `ransomamt` is the total ransom demanded, `ransompaid` the total paid (-99 unknown). Stored as a
// ransom paid, "demanded $800,000" read as "paid $800,000", and `ransom` = 1 with `ransomamt` = 0 as a $0 ransom.
describe('GTD ransoms, as a careful reader of each row states them', () => {
  const RANSOMS = join(import.meta.dirname, 'fixtures', 'gtd_0718dist_ransom_rows_sample.csv');
  // eventid: [demanded, paid], null where the row gives no amount.
  const LABELS: Record<string, [number | null, number | null]> = {
    '197001220001': [110_000, 110_000],
    '197003030001': [null, null],
    '197006090001': [12_000, 12_000],
    '197007310002': [250_000, null],
  };
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
    const file = readImportFile(RANSOMS, 'latin1');
    await writePlan(db, file, 'gtd', planGtd(file), { progressTo: null });
  });
  afterAll(() => db.close());

  it('stores the amount demanded and the amount paid apart, and no amount where the row gives none', async () => {
    const disagreements: string[] = [];
    for (const [event, [demanded, paid]] of Object.entries(LABELS)) {
      const { incident } = await queryData(db, `query($slug: String!) { incident(slug: $slug) { estimates { kind min max unit citations { locator } } } }`, { slug: `gtd-${event}` });
      const amount = (kind: string) => incident.estimates.find((e: { kind: string }) => e.kind === kind);
      const got = [amount('RANSOM_DEMANDED')?.min ?? null, amount('RANSOM')?.min ?? null];
      if (got[0] !== demanded || got[1] !== paid) disagreements.push(`${event}: labelled demanded ${demanded}, paid ${paid}; stored ${got[0]}, ${got[1]}`);
      if (amount('RANSOM')) expect(amount('RANSOM').citations[0].locator).toBe(`event ${event}, ransompaid`);
    }
    expect(disagreements).toEqual([]);
    expect(await lintDatabase(db.prisma)).toEqual([]);
  });
});

// A ransom demanded was shown as paid, and `ransom` = 1 with `ransomamt` = 0 as a $0 ransom. Labelled by a
// careful reader of each row, by the codebook: test/labels/gtd-events.txt.
describe('GTD events, against 20 labelled rows', () => {
  const LABELLED = join(import.meta.dirname, 'fixtures', 'gtd_0718dist_labelled_sample.csv');
  const COLUMNS = ['perpetrator', 'attribution', 'target', 'killed', 'hostages', 'demanded', 'paid'] as const;
  const LABELS = readFileSync(join(import.meta.dirname, 'labels', 'gtd-events.txt'), 'utf8')
    .split('\n').filter((l) => l.includes('|') && !l.startsWith('#'))
    .map((l) => {
      const [event, ...cells] = l.split('|').map((c) => c.trim());
      return { event: event!, ...Object.fromEntries(COLUMNS.map((c, i) => [c, cells[i] === '-' ? null : cells[i]!])) } as { event: string } & Record<(typeof COLUMNS)[number], string | null>;
    });

  it('agrees with every label, and lists any disagreement', async () => {
    const db = await createTestDatabase({ seed: false });
    try {
      const file = readImportFile(LABELLED, 'latin1');
      await writePlan(db, file, 'gtd', planGtd(file), { progressTo: null });
      const disagreements: string[] = [];
      let labels = 0;
      for (const label of LABELS) {
        const { incident } = await queryData(db, `query($slug: String!) { incident(slug: $slug) {
          perpetrators { attribution organization { name } } targets killed { min max } estimates { kind min max unit }
        } }`, { slug: `gtd-${label.event}` });
        const figure = (kind: string) => {
          const e = (incident.estimates as { kind: string; min: number; max: number }[]).find((n) => n.kind === kind);
          return e ? String(e.min === e.max ? e.min : `${e.min}-${e.max}`) : null;
        };
        const stored: Record<(typeof COLUMNS)[number], string | null> = {
          perpetrator: incident.perpetrators[0]?.organization.name ?? null,
          attribution: incident.perpetrators[0]?.attribution ?? null,
          target: incident.targets[0] ?? null,
          killed: incident.killed ? String(incident.killed.min) : null,
          hostages: figure('HOSTAGES'),
          demanded: figure('RANSOM_DEMANDED'),
          paid: figure('RANSOM'),
        };
        for (const column of COLUMNS) {
          labels++;
          if (stored[column] !== label[column]) disagreements.push(`${label.event} ${column}: labelled ${label[column] ?? '-'}, stored ${stored[column] ?? '-'}`);
        }
        expect(incident.perpetrators.length).toBeLessThanOrEqual(1);
      }
      console.log(`GTD labels: ${labels - disagreements.length} of ${labels} agree${disagreements.length ? `:\n  ${disagreements.join('\n  ')}` : ''}`);
      expect(LABELS.length).toBe(20);
      expect(disagreements).toEqual([]);
      expect(await lintDatabase(db.prisma)).toEqual([]);
    } finally {
      await db.close();
    }
  });
});
