// Who acted on whom in ACLED's events, as its codebook defines the actors' parts: every label a careful
// reader gave 100 real events (test/labels/acled-roles.txt, acled-kinds.txt) against what the importer
// stores, every disagreement listed. Before, the armed actor of an event was always its perpetrator: the
// drone strike on Katiba Serma (MLI4658) made Katiba Serma and JNIM its perpetrators, every actor of a
// clash was one, and associated civilians ("Pastoralists (Mali)") inherited their row's armed type.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planAcled } from '../src/import/acled.js';
import { readImportFile } from '../src/import/file.js';
import { writePlan } from '../src/import/write.js';
import { lintDatabase } from '../src/provenance/lint.js';
import { createTestDatabase, queryData, type TestDatabase } from './helpers.js';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const LABELS = join(import.meta.dirname, 'labels');
type Role = 'ACTED' | 'ACTED_ON' | 'SIDE' | 'PARTY';
const COLUMNS: Role[] = ['ACTED', 'ACTED_ON', 'SIDE', 'PARTY'];

/** The labelled lines of a file: "|"-separated cells, comments and blank lines left out. */
const labelLines = (name: string) =>
  readFileSync(join(LABELS, name), 'utf8').split('\n').filter((l) => l.trim() && !l.startsWith('#')).map((l) => l.split('|').map((c) => c.trim()));

const EVENTS = labelLines('acled-roles.txt').map(([event, ...cells]) => ({
  event: event!,
  roles: new Map(COLUMNS.flatMap((role, i) => (cells[i] ?? '').split(';').map((n) => n.trim()).filter((n) => n && n !== '-').map((n) => [n, role] as const))),
}));
const KINDS = new Map(labelLines('acled-kinds.txt').map(([name, kind]) => [name!, kind!]));
/** The kinds an ARMED label accepts: an armed group, whatever its structure. */
const ARMED = new Set(['GROUP', 'COALITION', 'FACTION', 'BRANCH', 'NETWORK', 'MOVEMENT']);

async function importFile(db: TestDatabase, name: string) {
  const file = readImportFile(join(FIXTURES, name));
  return writePlan(db, file, 'acled', planAcled(file), { progressTo: null });
}

type Party = { role: Role; inferred: boolean; inference: string | null; organization: { kind: string; externalIds: { value: string }[] } };

describe('ACLED parts and kinds, against 100 labelled events', () => {
  let db: TestDatabase;
  const stored = new Map<string, Party[]>();
  beforeAll(async () => {
    db = await createTestDatabase({ seed: false });
    await importFile(db, 'acled_mali_labelled_sample.csv');
    await importFile(db, 'acled_burkina_jnim_dyadic_sample.csv');
    const query = `query($slug: String!) { incident(slug: $slug) { parties {
      role inferred inference organization { kind externalIds { value } } } } }`;
    for (const { event } of EVENTS) {
      const { incident } = await queryData(db, query, { slug: `acled-${event.toLowerCase()}` });
      stored.set(event, incident.parties);
    }
  });
  afterAll(() => db.close());

  it('the labels cover 100 events of both export forms', () => {
    expect(EVENTS.length).toBe(100);
    expect(new Set(EVENTS.map((e) => e.event.slice(0, 3)))).toEqual(new Set(['MLI', 'BFO']));
  });

  it('agrees with at least 98% of the role and kind labels, and lists every disagreement', () => {
    const disagreements: string[] = [];
    let labels = 0;
    for (const { event, roles } of EVENTS) {
      const parties = stored.get(event)!;
      const named = (name: string) => parties.find((p) => p.organization.externalIds.some((x) => x.value === name));
      for (const [name, role] of roles) {
        labels++;
        const party = named(name);
        if (!party) disagreements.push(`${event} ${name}: labelled ${role}, not stored`);
        else if (party.role !== role) disagreements.push(`${event} ${name}: labelled ${role}, stored ${party.role}`);
        const kind = KINDS.get(name);
        if (!kind) throw new Error(`${name} has no kind label`);
        labels++;
        const ok = party && (kind === 'ARMED' ? ARMED.has(party.organization.kind) : party.organization.kind === kind);
        if (party && !ok) disagreements.push(`${event} ${name}: labelled kind ${kind}, stored ${party.organization.kind}`);
      }
      // Nothing beyond the labels: a stored party no reader named is a disagreement too.
      for (const p of parties) {
        if (![...roles.keys()].some((name) => p.organization.externalIds.some((x) => x.value === name))) {
          disagreements.push(`${event} ${p.organization.externalIds.map((x) => x.value).join(' / ')}: stored ${p.role}, not labelled`);
        }
      }
    }
    console.log(`ACLED labels: ${labels - disagreements.length} of ${labels} agree${disagreements.length ? `; disagreements:\n  ${disagreements.join('\n  ')}` : ''}`);
    expect(labels).toBeGreaterThan(300);
    expect((labels - disagreements.length) / labels).toBeGreaterThanOrEqual(0.98);
  });

  it('marks every part a rule derived, with its rule; parts the event type states are cited as stating them', () => {
    const strike = stored.get('MLI4658')!;
    expect(strike.every((p) => p.inferred && /actor 1 is taken as having acted/.test(p.inference!))).toBe(true);
    // Violence against civilians states both parts: the civilians were acted on, the other actor acted.
    const abduction = stored.get('BFO4460')!;
    expect(abduction.find((p) => p.organization.externalIds.some((x) => x.value === 'Katiba Macina'))).toMatchObject({ role: 'ACTED', inferred: true });
    expect(abduction.find((p) => p.organization.externalIds.some((x) => x.value === 'Katiba Macina'))!.inference).not.toMatch(/actor 1/);
  });

  it('no civilian group acted; what JNIM did and what was done to it are different questions', async () => {
    const civilians = await db.prisma.incidentPerpetrator.count({ where: { role: 'ACTED', organization: { kind: 'CIVILIAN_GROUP' } } });
    expect(civilians).toBe(0);
    const slug = (await db.prisma.externalIdentifier.findFirstOrThrow({ where: { value: 'JNIM: Group for Support of Islam and Muslims' }, include: { organization: true } })).organization!.slug;
    const data = await queryData(db, `query($slug: String!) {
      organization(slug: $slug) {
        did: incidents(first: 100) { totalCount }
        suffered: incidents(first: 100, filter: { role: [ACTED_ON] }) { totalCount }
        fought: incidents(first: 100, filter: { role: [SIDE] }) { totalCount }
      }
      acted: incidents(filter: { perpetrator: $slug }) { totalCount }
      actedOn: incidents(filter: { party: $slug, role: [ACTED_ON] }) { totalCount }
      strikes: incidentStats(groupBy: PERPETRATOR, filter: { party: $slug, role: [ACTED_ON], kind: [MILITARY_OPERATION] }, first: 100) { key incidentCount }
    }`, { slug });
    const expected = (role: Role) => EVENTS.filter((e) => e.roles.get('JNIM: Group for Support of Islam and Muslims') === role).length;
    expect(data.organization.did.totalCount).toBe(expected('ACTED'));
    expect(data.organization.suffered.totalCount).toBe(expected('ACTED_ON'));
    expect(data.organization.fought.totalCount).toBe(expected('SIDE'));
    expect(data.acted.totalCount).toBe(expected('ACTED'));
    expect(data.actedOn.totalCount).toBe(expected('ACTED_ON'));
    // Air strikes on JNIM: bucketed by the organizations struck, JNIM among them.
    expect(data.strikes.find((b: { key: string }) => b.key === slug)?.incidentCount).toBe(
      EVENTS.filter((e) => ['MLI4658', 'MLI2755', 'MLI2754', 'MLI4223', 'MLI4587'].includes(e.event) && e.roles.get('JNIM: Group for Support of Islam and Muslims') === 'ACTED_ON').length,
    );
  });

  it('targets derived from the parties acted on say so', async () => {
    const { incident } = await queryData(db, '{ incident(slug: "acled-mli4400") { targets targetInference perpetrators { organization { name } } } }');
    expect(incident.targets).toEqual(['PEACEKEEPERS']);
    expect(incident.targetInference).toMatch(/names the actors acted on, not targets/);
    expect(incident.perpetrators.map((p: { organization: { name: string } }) => p.organization.name)).toEqual(['JNIM: Group for Support of Islam and Muslims']);
    expect(await lintDatabase(db.prisma)).toEqual([]);
  });

  it('the linter finds a part that neither a passage states nor a rule derives', async () => {
    const link = await db.prisma.incidentPerpetrator.findFirstOrThrow({ where: { role: 'ACTED_ON', NOT: { inferences: { equals: {} } } } });
    await db.prisma.incidentPerpetrator.update({ where: { id: link.id }, data: { inferences: {} } });
    try {
      const findings = await lintDatabase(db.prisma);
      expect(findings.map((f) => [f.rule, f.id, f.field])).toEqual([['ROLE_NOT_STATED', link.id, 'role']]);
    } finally {
      await db.prisma.incidentPerpetrator.update({ where: { id: link.id }, data: { inferences: link.inferences as object } });
    }
  });
});
