// `npm run import -- acled`: ACLED events as incidents of the graph, their armed actors linked to the
// organizations held. Excerpts of real exports are committed in test/fixtures (../shared/data-samples);
// the whole Mali export runs when ../shared/datasets is there.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acledDay, actorNames, planAcled } from '../src/import/acled.js';
import { readImportFile } from '../src/import/file.js';
import { writePlan } from '../src/import/write.js';
import { lintDatabase } from '../src/provenance/lint.js';
import { createTestDatabase, queryData, type TestDatabase } from './helpers.js';

// 14 rows (7 events) of the Mali monadic export 2017-2020 with JNIM or Katiba Macina.
const MONADIC = join(import.meta.dirname, 'fixtures', 'acled_mali_jnim_monadic_sample.csv');
// 4 rows of a Burkina Faso dyadic export, one "JNIM ... and/or Islamic State ..." actor.
const DYADIC = join(import.meta.dirname, 'fixtures', 'acled_burkina_jnim_dyadic_sample.csv');
const WHOLE = join(import.meta.dirname, '..', '..', 'shared', 'datasets', 'acled_mali_2017-01-01_2020-12-31_monadic.csv');

async function importFile(db: TestDatabase, path: string, onError: 'fail' | 'skip' = 'fail') {
  const file = readImportFile(path);
  return writePlan(db, file, 'acled', planAcled(file), { progressTo: null, onError });
}

describe('reading ACLED', () => {
  it('dates in both exports, actor names with their qualifiers', () => {
    expect(acledDay('29 December 2020')).toBe('2020-12-29');
    expect(acledDay('13-Aug-20')).toBe('2020-08-13');
    expect(acledDay('31 February 2020')).toBeNull();
    // A two-digit year is the year column's; one the column contradicts is no date; without it, 1950-2049.
    expect(acledDay('29-Sep-18', '2018')).toBe('2018-09-29');
    expect(acledDay('29-Sep-68', '1968')).toBe('1968-09-29');
    expect(acledDay('29-Sep-18', '2019')).toBeNull();
    expect(acledDay('29 September 2018', '2019')).toBeNull();
    expect(acledDay('1-Jan-69')).toBe('1969-01-01');
    expect(actorNames('JNIM: Group for Support of Islam and Muslims')).toEqual(['JNIM', 'Group for Support of Islam and Muslims']);
    expect(actorNames('Military Forces of Mali (2013-2020)')).toEqual(['Military Forces of Mali']);
  });

  it('refuses a file whose header is not an export', () => {
    const dir = mkdtempSync(join(tmpdir(), 'acled-'));
    try {
      writeFileSync(join(dir, 'other.csv'), 'a,b\n1,2\n');
      expect(() => planAcled(readImportFile(join(dir, 'other.csv')))).toThrow(/other\.csv: not an ACLED export: the header lacks event_id_cnty/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('importing ACLED excerpts into the seeded graph', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());

  it('the monadic export: one incident per event, JNIM and Katiba Macina linked by name, every value cited', async () => {
    const summary = await importFile(db, MONADIC);
    // JNIM and Katiba Macina linked; France's force and two groups of civilians (acted on) created, France's
    // force listed for review beside the seed's France.
    expect(summary.lines()).toContain('Organization: 2 created, 2 linked to an existing entity, 1 left ambiguous (created, pair listed in mergeCandidates)');
    const { jnim, acled } = await queryData(db, `{
      jnim: organization(slug: "jnim") {
        externalIds { scheme value }
        incidents(first: 100, filter: { from: "2019" }) { totalCount }
      }
      acled: incidents(first: 100, filter: { source: "acled-acled-mali-jnim-monadic-sample" }, orderBy: DATE_ASC) { totalCount edges { node {
        slug kind place adminRegion country coordinates { latitude longitude }
        date { iso precision qualifier inferred inference } killed { min max qualifier } summary
        perpetrators { attribution organization { slug } }
        citations { quote locator }
      } } }
    }`);
    expect(jnim.externalIds).toEqual(expect.arrayContaining([{ scheme: 'ACLED_ACTOR', value: 'JNIM: Group for Support of Islam and Muslims' }]));
    expect(jnim.incidents.totalCount).toBeGreaterThanOrEqual(5);
    expect(acled.totalCount).toBe(6);
    const abduction = acled.edges.map((e: { node: { slug: string } }) => e.node).find((i: { slug: string }) => i.slug === 'acled-mli4678');
    expect(abduction).toMatchObject({
      kind: 'KIDNAPPING', place: 'Dallah', adminRegion: 'Mopti, Douentza, Dallah', country: 'ML',
      coordinates: { latitude: 15.1053, longitude: -2.6403 },
      date: { iso: '2020-12-29', precision: 'DAY', qualifier: 'EXACT', inferred: false },
      // ACLED's 0 is "none reported", kept apart from unknown.
      killed: { min: 0, max: 0, qualifier: 'EXACT' },
    });
    expect(abduction.summary).toMatch(/^On 29 December 2020, presumed Katiba Macina \(JNIM\) militants abducted 6 teachers/);
    expect(abduction.perpetrators.map((p: { organization: { slug: string } }) => p.organization.slug).sort()).toEqual(['jnim', 'katiba-macina']);
    expect(abduction.citations).toEqual(expect.arrayContaining([
      { quote: 'Whatsapp; Koro Kibaru; Kibaru; Reelle Afrique', locator: 'event MLI4678, source' },
      { quote: 'event_date=29 December 2020; year=2020', locator: 'event MLI4678, event_date, year' },
    ]));
    // time_precision 2: a week around the date, the range marked as inferred from the code.
    const week = acled.edges.map((e: { node: { date: { qualifier: string } } }) => e.node).find((i: { date: { qualifier: string } }) => i.date.qualifier === 'BETWEEN');
    expect(week?.date).toMatchObject({ inferred: true, inference: expect.stringContaining('time_precision 2') });
    expect(await lintDatabase(db.prisma)).toEqual([]);
  });

  it('the same file again changes nothing', async () => {
    const before = await db.prisma.incident.count();
    expect((await importFile(db, MONADIC)).lines()).toEqual(['Source: 1 unchanged']);
    expect(await db.prisma.incident.count()).toBe(before);
  });

  it('a newer export updates the events ACLED revised, citing it beside the older passages; an older revision changes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'acled-'));
    /** The excerpt with MLI4678 revised: fatalities and timestamp replaced on both of its rows. */
    const revised = (name: string, fatalities: number, timestamp: number) => {
      const text = readFileSync(MONADIC, 'utf8').replace(/^(8013326,.*",)0,1622068037,MLI$/gm, `$1${fatalities},${timestamp},MLI`);
      writeFileSync(join(dir, name), text);
      return join(dir, name);
    };
    try {
      const newer = await importFile(db, revised('acled_mali_newer.csv', 2, 1622068037 + 86_400));
      expect(newer.lines()).toEqual(expect.arrayContaining(['Incident: 1 updated, 5 unchanged']));
      const query = '{ incident(slug: "acled-mli4678") { killed { min max } revisedAt citations { quote locator source { slug } } } }';
      const { incident } = await queryData(db, query);
      expect(incident.killed).toEqual({ min: 2, max: 2 });
      expect(incident.revisedAt).toEqual(new Date('2021-05-27T22:27:17.000Z'));
      expect(incident.citations).toEqual(expect.arrayContaining([
        { quote: '0', locator: 'event MLI4678, fatalities', source: { slug: 'acled-acled-mali-jnim-monadic-sample' } },
        { quote: '2', locator: 'event MLI4678, fatalities', source: { slug: 'acled-acled-mali-newer' } },
      ]));
      const older = await importFile(db, revised('acled_mali_older.csv', 7, 1622068037 - 86_400));
      expect(older.lines()).toEqual(expect.arrayContaining(['Incident: 6 unchanged']));
      expect(older.notes).toContain('1 event(s) in the file are older revisions than the ones held: left as held.');
      expect((await queryData(db, query)).incident.killed).toEqual({ min: 2, max: 2 });
      expect(await lintDatabase(db.prisma)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the dyadic export: detected from the header; "A and/or B" makes each SUSPECTED', async () => {
    await importFile(db, DYADIC);
    const { incident } = await queryData(db, '{ incident(slug: "acled-bfo3962") { date { iso } country perpetrators { attribution organization { slug name } } } }');
    expect(incident.date.iso).toBe('2020-08-13');
    expect(incident.country).toBe('BF');
    expect(incident.perpetrators).toHaveLength(2);
    for (const p of incident.perpetrators) expect(p.attribution).toBe('SUSPECTED');
    expect(incident.perpetrators.map((p: { organization: { slug: string } }) => p.organization.slug)).toContain('jnim');
  });
});

describe.skipIf(!existsSync(WHOLE))('the whole Mali export 2017-2020 (../shared/datasets)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());

  it('imports every event in scope and links the Sahel groups the seed holds, without a wrong merge', { timeout: 120_000 }, async () => {
    const summary = await importFile(db, WHOLE);
    expect(summary.get('Incident', 'created')).toBeGreaterThan(2_700);
    const { organizations } = await queryData(db, `{ organizations(first: 100, filter: { kind: [COALITION, GROUP, FACTION, BRANCH] }) { edges { node {
      slug externalIds { scheme value }
    } } } }`);
    const acledOf = Object.fromEntries(
      organizations.edges.map((e: { node: { slug: string; externalIds: { scheme: string; value: string }[] } }) => [
        e.node.slug,
        e.node.externalIds.filter((x) => x.scheme === 'ACLED_ACTOR').map((x) => x.value),
      ]),
    );
    expect(acledOf.jnim).toEqual(['JNIM: Group for Support of Islam and Muslims']);
    expect(acledOf['katiba-macina']).toEqual(['Katiba Macina']);
    expect(acledOf.aqim).toEqual(['AQIM: Al Qaeda in the Islamic Maghreb']);
    expect(acledOf['ansar-al-din']).toEqual(['Ansar Dine']);
    expect(acledOf['ansarul-islam']).toEqual(['Ansaroul Islam']);
    // No civilian group or crowd acted; the state forces are ACLED's, under one organization per state and
    // service; UNKNOWN only where neither the file nor a rule classifies (reported).
    const [acted] = await db.scripts.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "IncidentPerpetrator" p JOIN "Organization" o ON o.id = p."organizationId" WHERE p.role = 'ACTED' AND o.kind IN ('CIVILIAN_GROUP', 'CROWD')`,
    );
    expect(acted!.n).toBe(0);
    const kinds = await db.scripts.query<{ kind: string; n: number }>(
      `SELECT o.kind::text AS kind, count(DISTINCT o.id)::int AS n FROM "Organization" o JOIN "ExternalIdentifier" x ON x."organizationId" = o.id AND x.scheme = 'ACLED_ACTOR' GROUP BY 1`,
    );
    const count = (kind: string) => kinds.find((k) => k.kind === kind)?.n ?? 0;
    console.log(`ACLED organizations by kind: ${kinds.map((k) => `${k.kind} ${k.n}`).join(', ')}`);
    expect(count('UNKNOWN')).toBeLessThanOrEqual(6);
    const { stateForces } = await queryData(db, '{ stateForces: organizations(first: 100, filter: { kind: [STATE_FORCE] }) { totalCount edges { node { slug } } } }');
    expect(stateForces.edges.map((e: { node: { slug: string } }) => e.node.slug)).toEqual(expect.arrayContaining(['malian-armed-forces', 'military-forces-of-niger', 'police-forces-of-mali']));
    expect(stateForces.totalCount).toBeGreaterThanOrEqual(15);
    expect(await lintDatabase(db.prisma)).toEqual([]);
  });
});

// "JNIM claimed" (MLI1711) and "presumed JNIM" (MLI4354) were both stored ATTRIBUTED, and every link read as
// stated though a rule made it. Labelled by reading each event's notes: how firmly each organization named
// is tied to it, whatever its part (test/acled-roles.test.ts labels the parts).
describe('ACLED attributions from the notes, as a careful reader states them', () => {
  const CLAIMS = join(import.meta.dirname, 'fixtures', 'acled_mali_claims_sample.csv');
  const LABELS: [event: string, actor: RegExp, attribution: 'CLAIMED' | 'SUSPECTED' | 'ATTRIBUTED'][] = [
    ['MLI1711', /^JNIM/, 'CLAIMED'],
    ['MLI4354', /^JNIM/, 'SUSPECTED'],
    ['MLI4354', /^Dozo/, 'ATTRIBUTED'],
    ['MLI4736', /^Islamic State/, 'CLAIMED'],
    ['MLI4666', /^JNIM/, 'SUSPECTED'],
    ['MLI4682', /^Katiba Macina/, 'SUSPECTED'],
    ['MLI4682', /^JNIM/, 'SUSPECTED'],
    ['MLI4469', /^JNIM/, 'ATTRIBUTED'],
    ['MLI4466', /^JNIM/, 'ATTRIBUTED'],
  ];
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ seed: false });
    await importFile(db, CLAIMS);
  });
  afterAll(() => db.close());

  it('reads "claimed" as CLAIMED and "suspected"/"presumed" as SUSPECTED, each marked inferred with its rule', async () => {
    type Link = { attribution: string; inferred: boolean; inference: string | null; organization: { name: string } };
    const disagreements: string[] = [];
    for (const [event, actor, attribution] of LABELS) {
      const { incident } = await queryData(db, 'query($slug: String!) { incident(slug: $slug) { parties { attribution inferred inference organization { name } } } }', { slug: `acled-${event.toLowerCase()}` });
      const link = (incident.parties as Link[]).find((p) => actor.test(p.organization.name));
      if (!link) disagreements.push(`${event} ${actor}: no link`);
      else if (link.attribution !== attribution) disagreements.push(`${event} ${link.organization.name}: labelled ${attribution}, stored ${link.attribution}`);
      // The attribution is a rule's where the notes gave it, and then says so.
      if (link && attribution !== 'ATTRIBUTED') {
        expect(link.inferred).toBe(true);
        expect(link.inference).toMatch(attribution === 'CLAIMED' ? /claimed it/ : /suspected, presumed/);
      }
    }
    expect(disagreements).toEqual([]);
    expect(await lintDatabase(db.prisma)).toEqual([]);
  });
});

// An export of another country in the dyadic form ("29-Sep-18") was refused whole when an event's notes
// omitted the year: its year column was never read. Its cells now state the date.
describe('an ACLED export whose notes omit a year its year column states', () => {
  it('imports, the date cited by its cells', async () => {
    const db = await createTestDatabase({ seed: false });
    const dir = mkdtempSync(join(tmpdir(), 'acled-year-'));
    try {
      const path = join(dir, 'burkina_notes_without_year.csv');
      writeFileSync(path, readFileSync(DYADIC, 'utf8').replace('On 16 February 2021, presumed', 'On 16 February, presumed'));
      await importFile(db, path);
      const { incident } = await queryData(db, '{ incident(slug: "acled-bfo4460") { date { iso precision } citations { quote locator } } }');
      expect(incident.date).toEqual({ iso: '2021-02-16', precision: 'DAY' });
      expect(incident.citations).toContainEqual({ quote: 'event_date=16-Feb-21; year=2021', locator: 'event BFO4460, event_date, year' });
      expect(await lintDatabase(db.prisma)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await db.close();
    }
  });
});

// A refusal's message named neither the file nor that nothing was written ("The provenance linter found 2 problems").
describe('a file the provenance rules refuse', () => {
  it('is refused whole, with a message that names the file, says nothing was written and lists the findings; --on-error=skip imports the rest', async () => {
    const db = await createTestDatabase();
    const dir = mkdtempSync(join(tmpdir(), 'acled-refused-'));
    try {
      // An export without the year column, and the notes of one event without the year: the year of its
      // date ("16-Feb-21") is then in none of its passages.
      const path = join(dir, 'burkina_year_missing.csv');
      const withoutYear = readFileSync(DYADIC, 'utf8').split('\n').map((line) => line.replace(/^([^,]*,[^,]*,[^,]*,[^,]*,[^,]*),[^,]*,/, '$1,')).join('\n');
      writeFileSync(path, withoutYear.replace('On 16 February 2021, presumed', 'On 16 February, presumed'));
      const before = (await queryData(db, '{ incidents { totalCount } }')).incidents.totalCount;
      const error = (await importFile(db, path).catch((e: unknown) => e)) as Error;
      expect(error.message).toMatch(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: refused, nothing was written\\.`));
      // The row concerned, by its line, and what is wrong with it in the linter's words.
      expect(error.message).toMatch(/burkina_year_missing\.csv:2: incident acled-bfo4460: Incident\[acled-bfo4460\]\.date: DATE_NOT_STATED: the year 2021 appears in none of its quotes/);
      expect((await queryData(db, '{ incidents { totalCount } }')).incidents.totalCount).toBe(before);
      // --on-error=skip once changed nothing here: the records with findings are now skipped, and listed.
      const summary = await importFile(db, path, 'skip');
      expect(summary.skippedRows).toEqual([expect.stringMatching(/^.*burkina_year_missing\.csv:2: incident acled-bfo4460 skipped: Incident\[acled-bfo4460\]\.date: DATE_NOT_STATED/)]);
      expect(summary.lines()).toEqual(expect.arrayContaining(['Incident: 3 created', 'Row: 1 skipped']));
      expect((await queryData(db, '{ incidents { totalCount } }')).incidents.totalCount).toBe(before + 3);
      expect(await db.prisma.incident.count({ where: { slug: 'acled-bfo4460' } })).toBe(0);
      expect(await lintDatabase(db.prisma)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await db.close();
    }
  });
});
