// Writes an import plan: links each entity to what the graph already holds (src/import/link.ts),
// creates the rest, and writes every fact with its citation, in
// one transaction that the provenance linter must pass. Rows are built in memory and inserted set-based
// (src/db/bulk.ts), a statement per table, not one per row.
import { randomUUID } from 'node:crypto';
import { insertRows } from '../db/bulk.js';
import type { Database } from '../db/client.js';
import type { Prisma } from '../generated/prisma/client.js';
import { dateColumns, parsePartialDate } from '../values/partial-date.js';
import { formatFinding, lintDatabase, ProvenanceError, type Finding } from '../provenance/lint.js';
import { reindexSearch } from '../search/indexer.js';
import { nameKey } from '../search/normalize.js';
import type { ImportFile } from './file.js';
import { identifiersOf, type Cite, type ImportedAttribute, type ImportedEntity, type ImportedIncident, type ImportPlan } from './plan.js';
import { contentSha256 } from './content-hash.js';
import { decide } from './link.js';
import { itemsOfFindings, planWithout, SkippableFindings, skippedLines } from './skip-findings.js';
import { ImportSummary } from './report.js';
import { slugify } from './slug.js';
import { BUMP_DATA_VERSION } from '../db/data-version.js';
import { nameWriter } from '../history/writer.js';

/** Rows that cannot be imported under --on-error=fail: the import writes nothing. */
export class ImportRowsError extends Error {}

export interface ImportOptions {
  dryRun?: boolean;
  onError?: 'fail' | 'skip';
  /**
   * The file is the whole list, not an excerpt: what an older import of the same format listed and
   * this file lacks has been removed (its designation ends). Never assumed: an excerpt would end them all.
   */
  complete?: boolean;
  /** Where progress goes (a bar on a terminal, lines elsewhere); null for none. */
  progressTo?: NodeJS.WriteStream | null;
}

const DRY_RUN = new Error('dry run: rolled back');


type CitationRow = Prisma.CitationCreateManyInput;

type AttributeValues = Omit<Prisma.AttributeCreateManyInput, 'id' | 'personId' | 'organizationId' | 'createdAt'>;

/** The columns of a stated detail. */
function attributeValues(a: ImportedAttribute): AttributeValues {
  return {
    kind: a.kind,
    country: a.country ?? null, countryCode: a.countryCode ?? null, region: a.region ?? null, city: a.city ?? null, street: a.street ?? null, note: a.note ?? null,
    ...dateColumns('date', a.date ? parsePartialDate(a.date) : null),
  };
}

/** What makes two details the same: every stated column (a held one is cited again, not copied). */
function attributeKey(owner: string, v: AttributeValues | Prisma.AttributeGetPayload<object>): string {
  const day = (d: unknown) => (d instanceof Date ? d.toISOString().slice(0, 10) : typeof d === 'string' ? d.slice(0, 10) : null);
  return JSON.stringify([
    owner, v.kind, day(v.dateEarliest), day(v.dateLatest), v.datePrecision ?? null, v.dateQualifier ?? null,
    v.country ?? null, v.countryCode ?? null, v.region ?? null, v.city ?? null, v.street ?? null, v.note ?? null,
  ]);
}

/** What the row builders share: the plan, the IDs its entities got, and the citations being gathered. */
interface Rows {
  plan: ImportPlan;
  entityIds: Map<string, string>;
  cite: (c: Cite, subject: Partial<CitationRow>) => CitationRow;
  citations: CitationRow[];
  summary: ImportSummary;
}

/** The incident columns a file states, compared to decide whether a held incident changed. */
const STATED_INCIDENT_COLUMNS = [
  'title', 'kind', 'summary', 'place', 'adminRegion', 'countryCode', 'latitude', 'longitude', 'killedMin', 'killedMax', 'killedQualifier',
  'injuredMin', 'injuredMax', 'injuredQualifier', 'targets', 'inferences', 'dateEarliest', 'dateLatest', 'datePrecision', 'dateQualifier',
] as const;

const sameValue = (a: unknown, b: unknown) =>
  a instanceof Date || b instanceof Date ? String((a as Date | null)?.getTime()) === String((b as Date | null)?.getTime()) : JSON.stringify(a) === JSON.stringify(b);

/**
 * The rows of the plan's incidents, their perpetrators and citations (appended to `citations`). An
 * incident already held (by slug) is updated when the file states it differently and is not an older
 * revision of it (ACLED's timestamp): its changed columns take the file's values, perpetrators it
 * names are added, and the file's passages are cited beside the older ones, which stay as history.
 */
async function incidentRows(tx: Prisma.TransactionClient, { plan, entityIds, cite, citations, summary }: Rows) {
  const planned = plan.incidents ?? [];
  const heldRows = await tx.incident.findMany({ where: { slug: { in: planned.map((i) => i.slug) } }, include: { perpetrators: { select: { id: true, organizationId: true, role: true, side: true, attribution: true, inferences: true } } } });
  const held = new Map(heldRows.map((i) => [i.slug, i]));
  const incidents: Prisma.IncidentCreateManyInput[] = [];
  const updates: { id: string; data: Prisma.IncidentUpdateManyMutationInput }[] = [];
  const perpetrators: Prisma.IncidentPerpetratorCreateManyInput[] = [];
  const linkUpdates: { id: string; data: Prisma.IncidentPerpetratorUpdateManyMutationInput }[] = [];
  const estimates: Prisma.EstimateCreateManyInput[] = [];
  let older = 0;
  for (const incident of planned) {
    const row = {
      slug: incident.slug,
      title: incident.title,
      kind: incident.kind,
      summary: incident.summary,
      place: incident.place,
      adminRegion: incident.adminRegion,
      countryCode: incident.country,
      latitude: incident.coordinates?.latitude ?? null,
      longitude: incident.coordinates?.longitude ?? null,
      killedMin: incident.killed?.min ?? null,
      killedMax: incident.killed?.max ?? null,
      killedQualifier: incident.killed?.qualifier ?? null,
      injuredMin: incident.injured?.min ?? null,
      injuredMax: incident.injured?.max ?? null,
      injuredQualifier: incident.injured?.qualifier ?? null,
      targets: incident.targets,
      inferences: {
        ...(incident.dateInference ? { date: incident.dateInference } : {}),
        ...(incident.targetsInference ? { targets: incident.targetsInference } : {}),
      },
      revisedAt: incident.revisedAt ?? null,
      ...dateColumns('date', parsePartialDate(incident.date)),
    };
    const previous = held.get(incident.slug);
    let id: string;
    let perpetratorsHeld: Map<string, string>;
    if (previous) {
      if (incident.revisedAt && previous.revisedAt && incident.revisedAt <= previous.revisedAt) {
        if (incident.revisedAt < previous.revisedAt) older++;
        summary.count('Incident', 'unchanged');
        continue;
      }
      const changed = STATED_INCIDENT_COLUMNS.filter((c) => !sameValue(row[c], previous[c]));
      // A link whose part the file now states otherwise (a target once stored as a perpetrator) changes too.
      const newPerpetrators = incident.perpetrators.some((p) => {
        const organizationId = entityIds.get(p.entity);
        const held = previous.perpetrators.find((x) => x.organizationId === organizationId);
        return organizationId && (!held || !sameValue(linkValues(held), linkValues(linkRow(p))));
      });
      if (changed.length === 0 && !newPerpetrators) {
        summary.count('Incident', 'unchanged');
        continue;
      }
      id = previous.id;
      updates.push({ id, data: { ...Object.fromEntries(changed.map((c) => [c, row[c]])), revisedAt: row.revisedAt ?? previous.revisedAt } });
      perpetratorsHeld = new Map(previous.perpetrators.map((p) => [p.organizationId, p.id]));
      for (const p of incident.perpetrators) {
        const held = previous.perpetrators.find((x) => x.organizationId === entityIds.get(p.entity));
        if (held && !sameValue(linkValues(held), linkValues(linkRow(p)))) {
          linkUpdates.push({ id: held.id, data: linkRow(p) });
          summary.count('IncidentPerpetrator', 'updated');
        }
      }
      summary.count('Incident', 'updated');
    } else {
      id = randomUUID();
      incidents.push({ id, ...row });
      perpetratorsHeld = new Map();
      for (const e of incident.estimates ?? []) {
        const estimateId = randomUUID();
        estimates.push({ id: estimateId, kind: e.kind, min: e.min, max: e.max, qualifier: e.qualifier, unit: e.unit, incidentId: id });
        citations.push(cite(e.citation, { estimateId }));
        summary.count('Estimate', 'created');
      }
      summary.count('Incident', 'created');
    }
    citations.push(...incident.citations.map((c) => cite(c, { incidentId: id })));
    // Two names of one actor linked to the same organization are one perpetrator, cited twice; one held is cited again.
    const perpetratorIds = new Map(perpetratorsHeld);
    for (const p of incident.perpetrators) {
      const organizationId = entityIds.get(p.entity);
      if (!organizationId) continue;
      let perpetratorId = perpetratorIds.get(organizationId);
      if (!perpetratorId) {
        perpetratorId = randomUUID();
        perpetratorIds.set(organizationId, perpetratorId);
        perpetrators.push({ id: perpetratorId, incidentId: id, organizationId, ...linkRow(p) });
        summary.count('IncidentPerpetrator', 'created');
      }
      citations.push(cite(p.citation, { perpetratorId }));
    }
  }
  if (older > 0) summary.notes.push(`${older} event(s) in the file are older revisions than the ones held: left as held.`);
  return { incidents, updates, perpetrators, linkUpdates, estimates };
}

type PlannedLink = ImportedIncident['perpetrators'][number];

/** The columns of an organization's link to an incident, as the file states them. */
function linkRow(p: PlannedLink) {
  return { attribution: p.attribution, role: p.role ?? 'ACTED', side: p.side ?? null, inferences: p.inferences ?? {} };
}

/** What decides whether a held link changed: its part, side, attribution and the rules behind them. */
function linkValues(l: { attribution: string; role: string; side: number | null; inferences: unknown }) {
  // Sorted: jsonb keeps an object's keys in its own order, not the writer's.
  return [l.attribution, l.role, l.side, Object.entries((l.inferences ?? {}) as object).sort(([a], [b]) => a.localeCompare(b))];
}

/**
 * The mentions of the plan's entities: a reference to an entry of the same file, or to an entity held
 * under that identifier; a reference to neither is counted as skipped.
 */
async function mentionRows(tx: Prisma.TransactionClient, { plan, entityIds, cite, citations, summary }: Rows): Promise<Prisma.MentionCreateManyInput[]> {
  const types = new Map(plan.entities.map((e) => [e.key, e.type]));
  const references = [...new Set(plan.entities.flatMap((e) => (e.mentions ?? []).map((m) => m.reference)))].filter((r) => !entityIds.has(r));
  const held = references.length > 0 ? await tx.externalIdentifier.findMany({ where: { value: { in: references } } }) : [];
  const heldBy = new Map(held.map((x) => [x.value, x]));
  const rows: Prisma.MentionCreateManyInput[] = [];
  // A mention already held (the same file imported again with other bytes, an earlier list) is cited
  // again by this file, not written twice: `mentions` once listed each of the UN list's 496 twice.
  const fromIds = [...new Set(plan.entities.map((e) => entityIds.get(e.key)!))];
  const heldMentions = fromIds.length > 0
    ? await tx.mention.findMany({ where: { OR: [{ fromOrganizationId: { in: fromIds } }, { fromPersonId: { in: fromIds } }] } })
    : [];
  const mentionKey = (from: string, to: string, reference: string) => `${from}|${to}|${reference}`;
  const known = new Map(heldMentions.map((m) => [mentionKey((m.fromOrganizationId ?? m.fromPersonId)!, (m.toOrganizationId ?? m.toPersonId)!, m.reference), m.id]));
  for (const entity of plan.entities) {
    const fromId = entityIds.get(entity.key)!;
    for (const m of entity.mentions ?? []) {
      const local = entityIds.get(m.reference);
      const other = heldBy.get(m.reference);
      const to = local
        ? types.get(m.reference) === 'PERSON' ? { toPersonId: local } : { toOrganizationId: local }
        : other?.personId ? { toPersonId: other.personId } : other?.organizationId ? { toOrganizationId: other.organizationId } : null;
      const from = entity.type === 'PERSON' ? { fromPersonId: fromId } : { fromOrganizationId: fromId };
      if (!to || Object.values(to)[0] === fromId) {
        summary.count('Mention', 'skipped');
        continue;
      }
      const key = mentionKey(fromId, Object.values(to)[0]!, m.reference);
      const existing = known.get(key);
      if (existing) {
        citations.push(cite(m.citation, { mentionId: existing }));
        summary.count('Mention', 'unchanged');
        continue;
      }
      const id = randomUUID();
      known.set(key, id);
      rows.push({ id, reference: m.reference, ...from, ...to });
      citations.push(cite(m.citation, { mentionId: id }));
      summary.count('Mention', 'created');
    }
  }
  return rows;
}

/**
 * The rows of the plan's ties between organizations; a tie of an organization with itself (two names linked
 * to one entity) is skipped, and one held already (same ends, type and start) is cited again, not written twice.
 */
async function relationRows(tx: Prisma.TransactionClient, { plan, entityIds, cite, citations, summary }: Rows): Promise<Prisma.OrganizationRelationCreateManyInput[]> {
  const ids = [...new Set((plan.relations ?? []).flatMap((r) => [entityIds.get(r.from), entityIds.get(r.to)]).filter((id): id is string => id !== undefined))];
  const held = ids.length > 0 ? await tx.organizationRelation.findMany({ where: { fromId: { in: ids }, toId: { in: ids } } }) : [];
  const day = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10) : null);
  const key = (r: { fromId: string; toId: string; type: string; startEarliest?: Date | string | null; startLatest?: Date | string | null; startPrecision?: string | null }) =>
    JSON.stringify([r.fromId, r.toId, r.type, day(r.startEarliest ? new Date(r.startEarliest) : null), day(r.startLatest ? new Date(r.startLatest) : null), r.startPrecision ?? null]);
  const known = new Map(held.map((r) => [key(r), r.id]));
  const rows: Prisma.OrganizationRelationCreateManyInput[] = [];
  for (const relation of plan.relations ?? []) {
    const fromId = entityIds.get(relation.from);
    const toId = entityIds.get(relation.to);
    if (!fromId || !toId || fromId === toId) {
      summary.count('OrganizationRelation', 'skipped');
      continue;
    }
    const values = { type: relation.type, fromId, toId, ...dateColumns('start', relation.start ? parsePartialDate(relation.start) : null) };
    const existing = known.get(key(values));
    if (existing) {
      citations.push(...relation.citations.map((c) => cite(c, { relationId: existing })));
      summary.count('OrganizationRelation', 'unchanged');
      continue;
    }
    const id = randomUUID();
    known.set(key(values), id);
    rows.push({
      id, ...values, description: relation.description,
      ...(relation.directionInference ? { inferences: { direction: relation.directionInference } } : {}),
    });
    citations.push(...relation.citations.map((c) => cite(c, { relationId: id })));
    summary.count('OrganizationRelation', 'created');
  }
  return rows;
}

/**
 * Ends the designations that older imports of this format listed and a newer whole list lacks: on or
 * before the day it was generated (the removal happened after the older list, by this one), cited.
 * Nothing ends when a newer list of the format was imported already, or none older was.
 */
async function endMissingDesignations(
  tx: Prisma.TransactionClient,
  format: string,
  sourceId: string,
  listing: NonNullable<ImportPlan['listing']>,
  summary: ImportSummary,
): Promise<void> {
  const generated = new Date(`${listing.generated}T00:00:00Z`);
  const others = await tx.source.findMany({ where: { format, id: { not: sourceId } }, select: { id: true, publishedEarliest: true } });
  if (others.some((o) => o.publishedEarliest && o.publishedEarliest > generated)) {
    summary.notes.push('A newer list of this format was imported before: no designation was ended.');
    return;
  }
  const older = others.filter((o) => o.publishedEarliest && o.publishedEarliest < generated).map((o) => o.id);
  if (older.length === 0) return;
  const ended = await tx.designation.findMany({
    where: {
      authority: listing.authority,
      reference: { notIn: listing.references },
      delistedPrecision: null,
      citations: { some: { sourceId: { in: older } } },
    },
    select: { id: true },
  });
  const ids = ended.map((d) => d.id);
  await tx.designation.updateMany({ where: { id: { in: ids } }, data: dateColumns('delisted', parsePartialDate(`../${listing.generated}`)) });
  await insertRows(tx, 'Citation', ids.map((designationId) => ({ sourceId, quote: listing.citation.quote, locator: `${listing.citation.locator} (no longer listed)`, designationId })));
  summary.count('Designation', 'updated', ended.length);
  if (ended.length > 0) summary.notes.push(`${ended.length} designation(s) no longer on the list ended on or before ${listing.generated}.`);
}

/** Pairs a reviewer judged DIFFERENT (resolveMergeCandidate) are never proposed again. */
async function withoutJudgedDifferent(tx: Prisma.TransactionClient, candidates: Prisma.MergeCandidateCreateManyInput[]) {
  if (candidates.length === 0) return candidates;
  const decided = await tx.mergeDecision.findMany({ where: { verdict: 'DIFFERENT' }, select: { organizationAId: true, organizationBId: true, personAId: true, personBId: true } });
  const judged = new Set(decided.map((d) => `${d.organizationAId ?? d.personAId}|${d.organizationBId ?? d.personBId}`));
  return candidates.filter((c) => {
    const pair = [(c.recordOrganizationId ?? c.recordPersonId)!, (c.candidateOrganizationId ?? c.candidatePersonId)!].sort();
    return !judged.has(pair.join('|'));
  });
}

/** The linter's findings on a write, with the rows of the file they concern. */
class RefusedFindings extends ProvenanceError {
  constructor(findings: Finding[], readonly rows: string[]) {
    super(findings);
  }
}

/** Findings listed in a refusal's message at most; the rest are counted. */
const FINDINGS_SHOWN = 10;

/**
 * A file the provenance linter refused: the message names the file, says nothing was written, and lists
 * the first findings by record and field (the linter's message named neither the file nor the outcome).
 */
export class ImportRefusedError extends ProvenanceError {
  constructor(path: string, findings: Finding[], rows: string[] = []) {
    super(findings);
    // By row of the file when the findings' records are the file's ("file.csv:2: incident acled-bfo4460: ..."), else by record.
    const listed = rows.length > 0 ? rows : findings.map(formatFinding);
    const shown = listed.slice(0, FINDINGS_SHOWN);
    const more = listed.length > FINDINGS_SHOWN ? [`... and ${listed.length - FINDINGS_SHOWN} more`] : [];
    this.message = `${path}: refused, nothing was written. The records it would write break the provenance rules in ${findings.length} place(s) ` +
      `(a value no cited passage states, a passage missing); --on-error=skip imports the rest and lists what it skips:\n  - ${[...shown, ...more].join('\n  - ')}`;
  }
}

export async function writePlan(db: Database, file: ImportFile, format: string, plan: ImportPlan, options: ImportOptions = {}): Promise<ImportSummary> {
  const summary = new ImportSummary();
  if (plan.problems.length > 0) {
    const lines = plan.problems.map((p) => `${file.path}:${p.line}: ${p.message}`);
    if ((options.onError ?? 'fail') === 'fail') {
      throw new ImportRowsError(`${lines.length} row(s) cannot be imported; nothing was written (--on-error=skip writes the rest):\n  - ${lines.join('\n  - ')}`);
    }
    summary.skippedRows.push(...lines);
    summary.count('Row', 'skipped', lines.length);
  }
  // One import at a time a database: two at once each linked without the other's new entities (MUJAO and
  // ISGS were left apart from their UN entries), and the same file twice failed on a unique slug. The
  // second waits, then links against what the first wrote (or finds its file imported already).
  const waiting = () => options.progressTo?.write('Another import is writing to this database: waiting for it to finish...\n');
  return db.scripts.exclusive(IMPORT_LOCK, waiting, () => writeUnlocked(db, file, format, plan, options, summary));
}

/** The lock every import takes (Database.exclusive): imports of one database are serialised. */
export const IMPORT_LOCK = 'sahel-graph:import';

async function writeUnlocked(
  db: Database, file: ImportFile, format: string, plan: ImportPlan, options: ImportOptions, summary: ImportSummary, retry = false,
  content = contentSha256(format, plan),
): Promise<ImportSummary> {
  const previous = await db.prisma.source.findUnique({ where: { sha256: file.sha256 } });
  if (previous) {
    summary.notes.push(`${file.name} was imported already (${previous.slug}, SHA-256 ${file.sha256.slice(0, 12)}…): nothing to do.`);
    summary.count('Source', 'unchanged');
    return summary;
  }
  const same = await db.prisma.source.findFirst({ where: { format, contentSha256: content } });
  if (same) {
    summary.notes.push(`${file.name} holds the same records as ${same.slug}, imported already (in other bytes): nothing to do.`);
    summary.count('Source', 'unchanged');
    return summary;
  }
  summary.notes.push(...(plan.notes ?? []));
  const decisions = await decide(db, plan, options.progressTo);

  try {
    await db.prisma.$transaction(
      async (tx) => {
        const slugTaken = await tx.source.findUnique({ where: { slug: plan.source.slug } });
        const sourceSlug = slugTaken ? `${plan.source.slug}-${file.sha256.slice(0, 8)}` : plan.source.slug;
        await nameWriter(tx, { actor: `import ${sourceSlug}`, action: 'import', reason: `${format} file ${file.name}` });
        const source = await tx.source.create({
          data: {
            slug: sourceSlug,
            title: plan.source.title,
            publisher: plan.source.publisher,
            kind: plan.source.kind,
            description: plan.source.description,
            format,
            sha256: file.sha256,
            contentSha256: content,
            importedAt: new Date(),
            ...dateColumns('published', plan.source.published ? parsePartialDate(plan.source.published) : null),
          },
        });
        summary.count('Source', 'created');
        // Sources the file cites (news reports), each created once, by slug.
        const cited = new Map<string, NonNullable<Cite['source']>>();
        for (const incident of plan.incidents ?? []) for (const c of incident.citations) if (c.source) cited.set(c.source.slug, c.source);
        const citedIds = new Map<string, string>();
        if (cited.size > 0) {
          const held = await tx.source.findMany({ where: { slug: { in: [...cited.keys()] } }, select: { id: true, slug: true } });
          for (const h of held) citedIds.set(h.slug, h.id);
          const fresh = [...cited.values()].filter((c) => !citedIds.has(c.slug)).map((c) => ({ id: randomUUID(), slug: c.slug, title: c.title, description: c.description, kind: 'REFERENCE' as const }));
          await insertRows(tx, 'Source', fresh);
          for (const f of fresh) citedIds.set(f.slug, f.id);
          summary.count('Source', 'created', fresh.length);
        }
        const cite = (c: Cite, subject: Partial<CitationRow>): CitationRow => ({
          sourceId: c.source ? citedIds.get(c.source.slug)! : source.id, quote: c.quote, locator: c.locator, supports: c.supports ?? [], ...subject,
        });

        const organizationSlugs = new Set((await tx.organization.findMany({ select: { slug: true } })).map((o) => o.slug));
        const personSlugs = new Set((await tx.person.findMany({ select: { slug: true } })).map((p) => p.slug));
        const uniqueSlug = (taken: Set<string>, name: string, reference: string) => {
          const base = slugify(name) || slugify(reference);
          let slug = taken.has(base) ? `${base}-${slugify(reference)}` : base;
          for (let n = 2; taken.has(slug); n++) slug = `${base}-${slugify(reference)}-${n}`;
          taken.add(slug);
          return slug;
        };

        const linkedIds = decisions.flatMap((d) => (d.action === 'link' ? [d.id] : []));
        const heldNames = new Map<string, Set<string>>();
        const addHeld = (id: string, name: string) => {
          const set = heldNames.get(id) ?? new Set<string>();
          set.add(nameKey(name).normalized);
          heldNames.set(id, set);
        };
        const linkedOrganizations = await tx.organization.findMany({ where: { id: { in: linkedIds } }, select: { id: true, name: true, kind: true, inferences: true } });
        for (const o of linkedOrganizations) addHeld(o.id, o.name);
        const heldKinds = new Map(linkedOrganizations.map((o) => [o.id, o]));
        const linkedPersons = await tx.person.findMany({ where: { id: { in: linkedIds } }, select: { id: true, name: true, bornPrecision: true, nationality: true } });
        for (const p of linkedPersons) addHeld(p.id, p.name);
        const heldPersons = new Map(linkedPersons.map((p) => [p.id, p]));
        for (const a of await tx.alias.findMany({ where: { OR: [{ organizationId: { in: linkedIds } }, { personId: { in: linkedIds } }] } })) {
          addHeld((a.organizationId ?? a.personId)!, a.name);
        }
        const heldAttributes = new Map(
          (await tx.attribute.findMany({ where: { OR: [{ organizationId: { in: linkedIds } }, { personId: { in: linkedIds } }] } }))
            .map((a) => [attributeKey((a.organizationId ?? a.personId)!, a), a.id]),
        );
        const heldDesignations = await tx.designation.findMany({
          where: { OR: [{ organizationId: { in: linkedIds } }, { personId: { in: linkedIds } }], reference: { not: null } },
        });
        // Each identifier's record id, those of this file added as they are written (one force under several names).
        const heldIdentifiers = new Map(
          (await tx.externalIdentifier.findMany({ where: { value: { in: plan.entities.flatMap((e) => identifiersOf(e).map((x) => x.value)) } } })).map((x) => [`${x.scheme} ${x.value}`, x.id]),
        );

        const organizations: Prisma.OrganizationCreateManyInput[] = [];
        const persons: Prisma.PersonCreateManyInput[] = [];
        const aliases: Prisma.AliasCreateManyInput[] = [];
        const attributes: Prisma.AttributeCreateManyInput[] = [];
        const designations: Prisma.DesignationCreateManyInput[] = [];
        const identifiers: Prisma.ExternalIdentifierCreateManyInput[] = [];
        const citations: CitationRow[] = [];
        const candidates: Prisma.MergeCandidateCreateManyInput[] = [];
        const personUpdates: { id: string; data: Prisma.PersonUpdateManyMutationInput }[] = [];
        const organizationUpdates: { id: string; data: Prisma.OrganizationUpdateManyMutationInput }[] = [];
        const designationUpdates: { id: string; data: Prisma.DesignationUpdateManyMutationInput }[] = [];
        const touched = { organizationIds: [] as string[], personIds: [] as string[], incidentIds: [] as string[] };
        const entityIds = new Map<string, string>();

        plan.entities.forEach((planned: ImportedEntity, i) => {
          let entity = planned;
          const decision = decisions[i]!;
          const isOrganization = entity.type === 'ORGANIZATION';
          const recordType = isOrganization ? 'Organization' : 'Person';
          const owner = isOrganization ? 'organizationId' : 'personId';
          const id = decision.action === 'link' ? decision.id : randomUUID();
          entityIds.set(entity.key, id);
          (isOrganization ? touched.organizationIds : touched.personIds).push(id);
          if (decision.action === 'create') {
            if (isOrganization) {
              organizations.push({
                id, slug: uniqueSlug(organizationSlugs, entity.name, entity.key), name: entity.name, kind: entity.kind?.value ?? 'UNKNOWN', status: 'UNKNOWN',
                ...(entity.kind?.inference ? { inferences: { kind: entity.kind.inference } } : {}),
              });
            } else {
              persons.push({
                id,
                slug: uniqueSlug(personSlugs, entity.name, entity.key),
                name: entity.name,
                status: 'UNKNOWN',
                nationality: entity.nationality?.code ?? null,
                ...dateColumns('born', entity.born ? parsePartialDate(entity.born.date) : null),
              });
            }
            summary.count(recordType, decision.candidate ? 'ambiguous' : 'created');
            if (decision.candidate) {
              candidates.push({
                sourceId: source.id,
                score: decision.candidate.score,
                explanation: decision.candidate.explanation,
                ...(isOrganization
                  ? { recordOrganizationId: id, candidateOrganizationId: decision.candidate.id }
                  : { recordPersonId: id, candidatePersonId: decision.candidate.id }),
              });
            }
            addHeld(id, entity.name);
          } else {
            summary.count(recordType, 'linked');
            // The name this file gives is one more name of the entity it was linked to.
            const nameCitation = entity.citations[0]!;
            entity = { ...entity, aliases: [{ name: entity.name, kind: 'ALTERNATIVE_NAME', quality: 'STRONG', language: null, citation: nameCitation }, ...entity.aliases] };
          }
          const supports = (c: Cite) => cite(c, { [owner]: id });
          citations.push(...entity.citations.map(supports));
          // A kind the file classifies: a new organization's, or one held as UNKNOWN (no source classified it yet).
          const kind = entity.kind;
          const heldKind = heldKinds.get(id);
          if (kind && (decision.action === 'create' || heldKind?.kind === 'UNKNOWN')) {
            citations.push(supports(kind.citation));
            if (heldKind?.kind === 'UNKNOWN') {
              heldKind.kind = kind.value;
              organizationUpdates.push({
                id,
                data: { kind: kind.value, inferences: { ...(heldKind.inferences as object), ...(kind.inference ? { kind: kind.inference } : {}) } },
              });
              summary.count('Organization', 'updated');
            }
          }
          if (!isOrganization && decision.action === 'link') {
            const held = heldPersons.get(id);
            // What the held record lacks and this file states is added, with its passage.
            const update: Prisma.PersonUpdateManyMutationInput = {};
            if (held && !held.bornPrecision && entity.born) Object.assign(update, dateColumns('born', parsePartialDate(entity.born.date)));
            if (held && !held.nationality && entity.nationality) update.nationality = entity.nationality.code;
            if (Object.keys(update).length > 0) {
              personUpdates.push({ id, data: update });
              summary.count('Person', 'updated');
            }
          }
          if (entity.born) citations.push(supports(entity.born.citation));
          if (entity.nationality) citations.push(supports(entity.nationality.citation));
          for (const [position, attribute] of (entity.attributes ?? []).entries()) {
            const values = attributeValues(attribute);
            const key = attributeKey(id, values);
            const held = heldAttributes.get(key);
            if (held) {
              citations.push(cite(attribute.citation, { attributeId: held }));
              summary.count('Attribute', 'unchanged');
              continue;
            }
            const attributeId = randomUUID();
            heldAttributes.set(key, attributeId);
            attributes.push({ id: attributeId, [owner]: id, position, ...values });
            citations.push(cite(attribute.citation, { attributeId }));
            summary.count('Attribute', 'created');
          }

          for (const alias of entity.aliases) {
            const key = nameKey(alias.name).normalized;
            if (heldNames.get(id)?.has(key)) {
              summary.count('Alias', 'unchanged');
              continue;
            }
            addHeld(id, alias.name);
            const aliasId = randomUUID();
            aliases.push({ id: aliasId, name: alias.name, kind: alias.kind, quality: alias.quality, language: alias.language, [owner]: id });
            citations.push(cite(alias.citation, { aliasId }));
            summary.count('Alias', 'created');
          }

          for (const x of identifiersOf(entity)) {
            const identifier = heldIdentifiers.get(`${x.scheme} ${x.value}`);
            if (identifier) {
              citations.push(cite(x.citation, { externalIdentifierId: identifier }));
              summary.count('ExternalIdentifier', 'unchanged');
              continue;
            }
            const identifierId = randomUUID();
            heldIdentifiers.set(`${x.scheme} ${x.value}`, identifierId);
            identifiers.push({ id: identifierId, scheme: x.scheme, value: x.value, [owner]: id });
            citations.push(cite(x.citation, { externalIdentifierId: identifierId }));
            summary.count('ExternalIdentifier', 'created');
          }

          const d = entity.designation;
          if (d) {
            const held = heldDesignations.find((h) => h[owner] === id && h.authority === d.authority && h.reference === d.reference);
            if (held) {
              citations.push(...d.citations.map((c) => cite(c, { designationId: held.id })));
              if (!held.listedPrecision && d.listed) {
                designationUpdates.push({ id: held.id, data: dateColumns('listed', parsePartialDate(d.listed)) });
                summary.count('Designation', 'updated');
              } else {
                summary.count('Designation', 'unchanged');
              }
            } else {
              const designationId = randomUUID();
              designations.push({
                id: designationId, authority: d.authority, program: d.program, reference: d.reference, [owner]: id,
                ...dateColumns('listed', d.listed ? parsePartialDate(d.listed) : null),
              });
              citations.push(...d.citations.map((c) => cite(c, { designationId })));
              summary.count('Designation', 'created');
            }
          }
        });

        await insertRows(tx, 'Organization', organizations);
        await insertRows(tx, 'Person', persons);
        for (const { id, data } of personUpdates) await tx.person.update({ where: { id }, data });
        for (const { id, data } of organizationUpdates) await tx.organization.update({ where: { id }, data });
        await insertRows(tx, 'Alias', aliases);
        await insertRows(tx, 'Attribute', attributes);
        await insertRows(tx, 'ExternalIdentifier', identifiers);
        await insertRows(tx, 'Designation', designations);
        for (const { id, data } of designationUpdates) await tx.designation.update({ where: { id }, data });
        const built: Rows = { plan, entityIds, cite, citations, summary };
        const incidents = await incidentRows(tx, built);
        touched.incidentIds.push(...incidents.incidents.map((i) => i.id!), ...incidents.updates.map((u) => u.id));
        await insertRows(tx, 'Incident', incidents.incidents);
        for (const { id, data } of incidents.updates) await tx.incident.update({ where: { id }, data });
        await insertRows(tx, 'IncidentPerpetrator', incidents.perpetrators);
        for (const { id, data } of incidents.linkUpdates) await tx.incidentPerpetrator.update({ where: { id }, data });
        await insertRows(tx, 'Estimate', incidents.estimates);
        const mentions = await mentionRows(tx, built);
        await insertRows(tx, 'Mention', mentions);
        const relations = await relationRows(tx, built);
        await insertRows(tx, 'OrganizationRelation', relations);
        await insertRows(tx, 'Citation', citations);
        await insertRows(tx, 'MergeCandidate', await withoutJudgedDifferent(tx, candidates));
        summary.count('Citation', 'created', citations.length);

        if (options.complete && plan.listing) await endMissingDesignations(tx, format, source.id, plan.listing, summary);
        await reindexSearch(tx, { ...touched, sourceIds: [source.id, ...citedIds.values()] });
        await tx.$executeRawUnsafe(BUMP_DATA_VERSION);
        // The provenance rules hold for imported records as for the seed. Under --on-error=skip, the
        // records the findings concern are found while this write is open, to write the plan again without them.
        const findings = await lintDatabase(tx);
        if (findings.length > 0) {
          // The rows concerned, for the skip and for the refusal's message alike.
          const keys = new Map([...entityIds].map(([key, id]) => [id, key]));
          const written = { incidents: new Set((plan.incidents ?? []).map((i) => i.slug)), entities: new Set(plan.entities.map((e) => e.key)) };
          const items = await itemsOfFindings(tx, findings, keys, written);
          if (items && options.onError === 'skip' && !retry) throw new SkippableFindings(findings, items);
          throw new RefusedFindings(findings, items ? skippedLines(file.path, plan, items).map((l) => l.replace(' skipped: ', ': ')) : []);
        }
        if (options.dryRun) throw DRY_RUN;
      },
      { timeout: 30 * 60_000, maxWait: 60_000 },
    );
  } catch (error) {
    if (error instanceof SkippableFindings) {
      // A fresh count: the failed attempt's was of records it did not write.
      const again = new ImportSummary();
      again.skippedRows.push(...summary.skippedRows, ...skippedLines(file.path, plan, error.items));
      again.count('Row', 'skipped', summary.get('Row', 'skipped') + error.items.size);
      return writeUnlocked(db, file, format, planWithout(plan, [...error.items.values()].map((i) => i.item)), options, again, true, content);
    }
    if (error instanceof RefusedFindings) throw new ImportRefusedError(file.path, error.findings, error.rows);
    if (error instanceof ProvenanceError) throw new ImportRefusedError(file.path, error.findings);
    if (error !== DRY_RUN) throw error;
    summary.notes.push('Dry run: nothing was written.');
    return summary;
  }
  // The planner's statistics for the grown tables: PGlite has no autovacuum to gather them, and a
  // server's would come minutes later; until then it plans for the row counts it last saw.
  await db.prisma.$executeRawUnsafe('ANALYZE');
  return summary;
}
