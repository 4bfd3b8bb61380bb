// Writes a validated dataset in one transaction, set-based (src/db/bulk.ts). Idempotent: entities are
// upserted by slug and their facts by IDs derived from natural keys (stableId), so a second load changes nothing.
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import { conflictKey, upsertRows } from '../db/bulk.js';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dateColumns, parsePartialDate } from '../values/partial-date.js';
import { assertLintClean } from '../provenance/lint.js';
import { impliedQualifier } from '../values/quantity.js';
import { reindexSearch } from '../search/indexer.js';
import type { ParsedDataset } from './schema.js';
import { stableId } from './stable-id.js';
import { DOCUMENTS_DIR, validateDataset } from './validate.js';
import { BUMP_DATA_VERSION } from '../db/data-version.js';
import { nameWriter } from '../history/writer.js';

type Tx = Prisma.TransactionClient;
type Data = ParsedDataset;
export type Citations = Data['organizations'][number]['citations'];
type Estimate = Data['organizations'][number]['estimates'][number];
type Designation = Data['organizations'][number]['designations'][number];
type Alias = Data['organizations'][number]['aliases'][number];
type ExternalId = Data['organizations'][number]['externalIds'][number];
type Assessment = Data['organizations'][number]['assessments'][number];

/** The foreign keys of Citation, one for each kind of cited record. */
const CITATION_SUBJECTS = [
  'organizationId', 'personId', 'aliasId', 'relationId', 'areaId', 'membershipId', 'designationId', 'estimateId',
  'incidentId', 'perpetratorId', 'participantId', 'fundingStreamId', 'fundingIncidentId', 'externalIdentifierId', 'assessmentId',
] as const satisfies readonly (keyof Prisma.CitationUncheckedCreateInput)[];
export type CitationSubject = (typeof CITATION_SUBJECTS)[number];
/** A citation row sets one subject; the others are written NULL, so every citation row has the same fields. */
const NO_SUBJECT = Object.fromEntries(CITATION_SUBJECTS.map((s) => [s, null]));

const date = (prefix: string, value: string | undefined) => dateColumns(prefix, value ? parsePartialDate(value) : null);
const inferred = (record: { inferences?: Record<string, string> }) => ({ inferences: record.inferences ?? {} });
/** The qualifier given, or the one the bounds imply (validation refused a lone bound without one). */
const quantity = (min: number | null, max: number | null, given: Data['incidents'][number]['estimates'][number]['qualifier']) =>
  given ?? impliedQualifier(min, max)!;

export interface SeedSummary {
  organizations: number;
  persons: number;
  incidents: number;
  fundingStreams: number;
  citations: number;
}

/** The rows of one table waiting to be written, each with the citations of the fact it holds. */
class Pending {
  readonly rows: Record<string, unknown>[] = [];
  private readonly cited: Citations[] = [];

  /** `conflict`: the unique columns a row is matched on (its natural key), when not its id. */
  constructor(
    readonly table: string,
    readonly subject: CitationSubject | null,
    readonly conflict: readonly string[] = ['id'],
  ) {}

  add(row: Record<string, unknown>, citations: Citations = []) {
    this.rows.push(row);
    this.cited.push(citations);
  }

  citationsOf(index: number): Citations {
    return this.cited[index]!;
  }
}

/** Each owner column of a fact that belongs to an organization or a person, one set. */
const ownedBy = (owner: 'organizationId' | 'personId', ownerId: string) => ({
  organizationId: owner === 'organizationId' ? ownerId : null,
  personId: owner === 'personId' ? ownerId : null,
});

/**
 * Writes a dataset set-based: a statement per table (per 5,000 rows), whatever the number of rows.
 * Entities first, by slug, so facts can point at their ids; then the facts, table by table; then
 * the citations of everything. Row by row, a dataset of 28,500 rows took 97 s.
 */
export class SeedWriter {
  /** Every row written, by table: what a GraphQL write hands the provenance linter. */
  readonly written = new Map<string, string[]>();
  private readonly sourceIds = new Map<string, string>();
  private readonly organizationIds = new Map<string, string>();
  private readonly personIds = new Map<string, string>();
  private readonly incidentIds = new Map<string, string>();
  private readonly fundingStreamIds = new Map<string, string>();
  private readonly citationRows: Record<string, unknown>[] = [];

  private readonly aliases = new Pending('Alias', 'aliasId');
  private readonly areas = new Pending('OrganizationArea', 'areaId');
  private readonly relations = new Pending('OrganizationRelation', 'relationId');
  private readonly memberships = new Pending('Membership', 'membershipId');
  private readonly designations = new Pending('Designation', 'designationId');
  private readonly estimates = new Pending('Estimate', 'estimateId');
  private readonly externalIds = new Pending('ExternalIdentifier', 'externalIdentifierId', ['scheme', 'value']);
  private readonly assessments = new Pending('Assessment', 'assessmentId');
  private readonly perpetrators = new Pending('IncidentPerpetrator', 'perpetratorId', ['incidentId', 'organizationId']);
  private readonly participants = new Pending('IncidentParticipant', 'participantId', ['incidentId', 'personId', 'role']);
  private readonly fundingIncidents = new Pending('FundingStreamIncident', 'fundingIncidentId', ['fundingStreamId', 'incidentId']);
  /** Citations queued, duplicates included (the summary counts them as the dataset states them). */
  citations = 0;

  constructor(private readonly tx: Tx) {}

  private id(map: Map<string, string>, slug: string): string {
    const id = map.get(slug);
    // Validation guarantees every reference resolves; reaching this is a loader bug.
    if (!id) throw new Error(`Internal: "${slug}" was not written before being referenced`);
    return id;
  }

  private cite(subject: CitationSubject, subjectId: string, citations: Citations) {
    for (const c of citations) {
      this.citationRows.push({
        ...NO_SUBJECT,
        id: stableId('citation', subject, subjectId, c.source, c.quote, c.locator),
        sourceId: this.id(this.sourceIds, c.source),
        quote: c.quote,
        locator: c.locator ?? null,
        attributedTo: c.attributedTo ?? null,
        supports: c.supports ?? [],
        [subject]: subjectId,
      });
      this.citations++;
    }
  }

  /** Upserts the rows of `pending`, queues their citations, and returns the id written for each key. */
  private async flush(pending: Pending): Promise<Map<string, string>> {
    const ids = await upsertRows(this.tx, pending.table, pending.rows, pending.conflict);
    this.wrote(pending.table, [...ids.values()]);
    pending.rows.forEach((row, index) => {
      if (pending.subject) this.cite(pending.subject, this.id(ids, conflictKey(row, pending.conflict)), pending.citationsOf(index));
    });
    return ids;
  }

  /**
   * Upserts entities of `table` by slug (a new one gets the stable ID of `kind` and its slug) with the
   * fields `fields` gives, queues their citations, and records each one's ID under its slug in `ids`.
   */
  private async entities<T extends { slug: string; citations?: Citations }>(
    table: string,
    kind: string,
    subject: CitationSubject | null,
    list: readonly T[],
    ids: Map<string, string>,
    fields: (item: T) => Record<string, unknown>,
  ) {
    const rows = new Pending(table, subject, ['slug']);
    for (const item of list) rows.add({ id: stableId(kind, item.slug), slug: item.slug, ...fields(item) }, item.citations);
    for (const [slug, id] of await this.flush(rows)) ids.set(slug, id);
  }

  async sources(sources: Data['sources']) {
    await this.entities('Source', 'source', null, sources, this.sourceIds, (s) => ({
      title: s.title,
      publisher: s.publisher ?? null,
      url: s.url ?? null,
      kind: s.kind,
      description: s.description ?? null,
      ...date('published', s.published),
    }));
    const documents = new Pending('SourceDocument', null, ['sourceId']);
    for (const s of sources) {
      if (!s.document) continue;
      // Held in the database too, so the provenance linter checks quotes against it wherever it runs.
      const text = readFileSync(join(DOCUMENTS_DIR, s.document), 'utf8');
      documents.add({ sourceId: this.id(this.sourceIds, s.slug), text, sha256: createHash('sha256').update(text).digest('hex') });
    }
    await upsertRows(this.tx, documents.table, documents.rows, documents.conflict);
  }

  /** Organizations before any fact, so relations can point at any of them. */
  async organizations(list: Data['organizations']) {
    await this.entities('Organization', 'organization', 'organizationId', list, this.organizationIds, (o) => ({
      name: o.name,
      kind: o.kind,
      status: o.status,
      summary: o.summary ?? null,
      ideology: o.ideology ?? null,
      ...date('founded', o.founded),
      ...date('dissolved', o.dissolved),
      ...inferred(o),
    }));
  }

  async persons(list: Data['persons']) {
    await this.entities('Person', 'person', 'personId', list, this.personIds, (p) => ({
      name: p.name,
      status: p.status,
      nationality: p.nationality ?? null,
      biography: p.biography ?? null,
      ...date('born', p.born),
      ...date('died', p.died),
      ...inferred(p),
    }));
  }

  async incidents(list: Data['incidents']) {
    await this.entities('Incident', 'incident', 'incidentId', list, this.incidentIds, (i) => ({
      title: i.title,
      kind: i.kind,
      summary: i.summary ?? null,
      place: i.place ?? null,
      adminRegion: i.adminRegion ?? null,
      countryCode: i.country ?? null,
      latitude: i.coordinates?.latitude ?? null,
      longitude: i.coordinates?.longitude ?? null,
      killedMin: i.killed?.min ?? null,
      killedMax: i.killed ? (i.killed.max ?? null) : null,
      killedQualifier: i.killed ? quantity(i.killed.min, i.killed.max ?? null, i.killed.qualifier) : null,
      injuredMin: i.injured?.min ?? null,
      injuredMax: i.injured ? (i.injured.max ?? null) : null,
      injuredQualifier: i.injured ? quantity(i.injured.min, i.injured.max ?? null, i.injured.qualifier) : null,
      targets: i.targets,
      ...date('date', i.date),
      ...inferred(i),
    }));
  }

  async fundingStreams(list: Data['fundingStreams']) {
    await this.entities('FundingStream', 'funding-stream', 'fundingStreamId', list, this.fundingStreamIds, (f) => ({
      organizationId: this.id(this.organizationIds, f.organization),
      kind: f.kind,
      significance: f.significance,
      description: f.description,
    }));
  }

  private addAliases(owner: 'organizationId' | 'personId', ownerSlug: string, ownerId: string, aliases: Alias[]) {
    for (const a of aliases) {
      const row = { name: a.name, kind: a.kind, language: a.language ?? null, quality: a.quality ?? 'STRONG', ...ownedBy(owner, ownerId) };
      this.aliases.add({ id: stableId('alias', owner, ownerSlug, a.name), ...row }, a.citations);
    }
  }

  private addDesignations(owner: 'organizationId' | 'personId', ownerSlug: string, ownerId: string, list: Designation[]) {
    for (const d of list) {
      this.designations.add(
        {
          id: stableId('designation', owner, ownerSlug, d.authority, d.reference ?? d.program),
          authority: d.authority,
          program: d.program,
          reference: d.reference ?? null,
          ...ownedBy(owner, ownerId),
          ...date('listed', d.listed),
          ...date('delisted', d.delisted),
          ...inferred(d),
        },
        d.citations,
      );
    }
  }

  private addExternalIds(owner: 'organizationId' | 'personId', ownerId: string, list: ExternalId[]) {
    for (const x of list) {
      this.externalIds.add({ id: stableId('external-id', x.scheme, x.value), scheme: x.scheme, value: x.value, ...ownedBy(owner, ownerId) }, x.citations);
    }
  }

  private addAssessments(owner: 'organizationId' | 'personId', ownerSlug: string, ownerId: string, list: Assessment[]) {
    for (const a of list) {
      this.assessments.add({ id: stableId('assessment', owner, ownerSlug, a.topic), topic: a.topic, statement: a.statement, ...ownedBy(owner, ownerId) }, a.citations);
    }
  }

  private addEstimates(subject: { organizationId?: string; fundingStreamId?: string; incidentId?: string }, key: string, list: Estimate[]) {
    for (const e of list) {
      this.estimates.add(
        {
          id: stableId('estimate', key, e.kind, e.unit, e.country, e.scope, e.asOf, e.periodStart, e.incident),
          kind: e.kind,
          min: e.min ?? null,
          max: e.max ?? null,
          qualifier: quantity(e.min ?? null, e.max ?? null, e.qualifier),
          unit: e.unit,
          scope: e.scope ?? null,
          countryCode: e.country ?? null,
          organizationId: subject.organizationId ?? (e.subject ? this.id(this.organizationIds, e.subject) : null),
          fundingStreamId: subject.fundingStreamId ?? null,
          incidentId: subject.incidentId ?? (e.incident ? this.id(this.incidentIds, e.incident) : null),
          ...date('asOf', e.asOf),
          ...date('periodStart', e.periodStart),
          ...inferred(e),
        },
        e.citations,
      );
    }
  }

  /** Queues the facts of every entity (all entities are written by now). */
  facts(data: Data) {
    for (const o of data.organizations) {
      const orgId = this.id(this.organizationIds, o.slug);
      this.addAliases('organizationId', o.slug, orgId, o.aliases);
      for (const a of o.areas) {
        this.areas.add(
          {
            id: stableId('area', o.slug, a.country, a.role, a.region),
            organizationId: orgId,
            countryCode: a.country,
            region: a.region ?? null,
            role: a.role,
            ...date('start', a.start),
            ...date('end', a.end),
            ...inferred(a),
          },
          a.citations,
        );
      }
      for (const r of o.relations) {
        this.relations.add(
          {
            id: stableId('relation', o.slug, r.type, r.to),
            type: r.type,
            fromId: orgId,
            toId: this.id(this.organizationIds, r.to),
            description: r.description ?? null,
            ...date('start', r.start),
            ...date('end', r.end),
            ...inferred(r),
          },
          r.citations,
        );
      }
      this.addDesignations('organizationId', o.slug, orgId, o.designations);
      this.addEstimates({ organizationId: orgId }, `organization:${o.slug}`, o.estimates);
      this.addExternalIds('organizationId', orgId, o.externalIds);
      this.addAssessments('organizationId', o.slug, orgId, o.assessments);
    }
    for (const p of data.persons) {
      const personId = this.id(this.personIds, p.slug);
      this.addAliases('personId', p.slug, personId, p.aliases);
      for (const m of p.memberships) {
        this.memberships.add(
          {
            id: stableId('membership', p.slug, m.organization, m.role, m.start),
            personId,
            organizationId: this.id(this.organizationIds, m.organization),
            role: m.role,
            title: m.title ?? null,
            ...date('start', m.start),
            ...date('end', m.end),
            ...inferred(m),
          },
          m.citations,
        );
      }
      this.addDesignations('personId', p.slug, personId, p.designations);
      this.addExternalIds('personId', personId, p.externalIds);
      this.addAssessments('personId', p.slug, personId, p.assessments);
    }
    for (const i of data.incidents) {
      const incidentId = this.id(this.incidentIds, i.slug);
      for (const p of i.perpetrators) {
        const organizationId = this.id(this.organizationIds, p.organization);
        // A seed perpetrator is cited by the passage saying it claimed, carried out or is blamed for the act: it states the role.
        const stating = p.citations.map((c) => ({ ...c, supports: [...new Set([...(c.supports ?? []), 'role' as const])] }));
        this.perpetrators.add({ id: stableId('perpetrator', i.slug, p.organization), incidentId, organizationId, attribution: p.attribution }, stating);
      }
      for (const p of i.participants) {
        const personId = this.id(this.personIds, p.person);
        this.participants.add(
          { id: stableId('participant', i.slug, p.person, p.role), incidentId, personId, role: p.role, description: p.description ?? null },
          p.citations,
        );
      }
      this.addEstimates({ incidentId }, `incident:${i.slug}`, i.estimates);
    }
    for (const f of data.fundingStreams) {
      const fundingStreamId = this.id(this.fundingStreamIds, f.slug);
      this.addEstimates({ fundingStreamId }, `funding-stream:${f.slug}`, f.estimates);
      for (const l of f.incidents) {
        const incidentId = this.id(this.incidentIds, l.incident);
        this.fundingIncidents.add(
          { id: stableId('funding-incident', f.slug, l.incident), fundingStreamId, incidentId, description: l.description ?? null },
          l.citations,
        );
      }
    }
    this.addEstimates({}, 'region', data.estimates);
  }

  /** Writes the queued facts, a statement per table, then every citation. */
  async writeFacts() {
    for (const pending of [
      this.aliases, this.areas, this.relations, this.memberships, this.designations, this.estimates, this.externalIds,
      this.assessments, this.perpetrators, this.participants, this.fundingIncidents,
    ]) {
      await this.flush(pending);
    }
    await upsertRows(this.tx, 'Citation', this.citationRows, ['id']);
    this.wrote('Citation', this.citationRows.map((c) => c.id as string));
  }

  private wrote(table: string, ids: string[]) {
    this.written.set(table, [...(this.written.get(table) ?? []), ...ids]);
  }

  /**
   * Makes records already in the database known by slug (their IDs read by the caller), so that what is
   * written next may point at them: a GraphQL write adds to the graph; the seed writes its references itself.
   */
  know(records: { sources: { id: string; slug: string }[]; organizations: { id: string; slug: string }[]; persons: { id: string; slug: string }[]; incidents: { id: string; slug: string }[] }) {
    for (const r of records.sources) this.sourceIds.set(r.slug, r.id);
    for (const r of records.organizations) this.organizationIds.set(r.slug, r.id);
    for (const r of records.persons) this.personIds.set(r.slug, r.id);
    for (const r of records.incidents) this.incidentIds.set(r.slug, r.id);
  }

  /** Queues citations of a record already written (an update, or a fact cited again). */
  citeExisting(subject: CitationSubject, subjectId: string, citations: Citations) {
    this.cite(subject, subjectId, citations);
  }

  /** Refreshes the search index of every entity written. */
  async reindex() {
    await reindexSearch(this.tx, {
      organizationIds: [...this.organizationIds.values()],
      personIds: [...this.personIds.values()],
      incidentIds: [...this.incidentIds.values()],
      sourceIds: [...this.sourceIds.values()],
    });
  }
}

/**
 * Validates `input` (nothing is written when it is invalid) and writes it in one transaction
 * (nothing is written when any statement fails, or when the provenance linter finds anything).
 */
export async function loadSeed(prisma: PrismaClient, input: unknown): Promise<SeedSummary> {
  const data = validateDataset(input);
  const summary = await prisma.$transaction(
    async (tx) => {
      await nameWriter(tx, { actor: 'seed', action: 'seed' });
      const writer = new SeedWriter(tx);
      await writer.sources(data.sources);
      await writer.organizations(data.organizations);
      await writer.persons(data.persons);
      await writer.incidents(data.incidents);
      await writer.fundingStreams(data.fundingStreams);
      writer.facts(data);
      await writer.writeFacts();
      await writer.reindex();
      await tx.$executeRawUnsafe(BUMP_DATA_VERSION);
      // The provenance linter has the last word: a finding anywhere rolls the whole load back.
      await assertLintClean(tx);
      return {
        organizations: data.organizations.length,
        persons: data.persons.length,
        incidents: data.incidents.length,
        fundingStreams: data.fundingStreams.length,
        citations: writer.citations,
      };
    },
    // A large dataset on a cold embedded database exceeds Prisma's 5 s default.
    { timeout: 120_000, maxWait: 30_000 },
  );
  // Statistics for the planner (PGlite has no autovacuum to gather them).
  await prisma.$executeRawUnsafe('ANALYZE');
  return summary;
}
