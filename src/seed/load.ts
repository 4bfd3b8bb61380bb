// Writes a validated dataset in one transaction. Idempotent: entities are upserted by slug and
// their facts by IDs derived from natural keys (stableId), so a second load changes nothing.
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dateColumns, parsePartialDate } from '../partial-date.js';
import { assertLintClean } from '../provenance/lint.js';
import { impliedQualifier } from '../quantity.js';
import { reindexSearch } from '../search/indexer.js';
import type { ParsedDataset } from './schema.js';
import { stableId } from './stable-id.js';
import { DOCUMENTS_DIR, validateDataset } from './validate.js';
import { BUMP_DATA_VERSION } from '../db/data-version.js';

type Tx = Prisma.TransactionClient;
type Data = ParsedDataset;
type Citations = Data['organizations'][number]['citations'];
type Estimate = Data['organizations'][number]['estimates'][number];
type Designation = Data['organizations'][number]['designations'][number];
type Alias = Data['organizations'][number]['aliases'][number];
type ExternalId = Data['organizations'][number]['externalIds'][number];
type Assessment = Data['organizations'][number]['assessments'][number];

/** The foreign key of Citation that points at each kind of cited record. */
type CitationSubject = keyof Pick<
  Prisma.CitationUncheckedCreateInput,
  | 'organizationId' | 'personId' | 'aliasId' | 'relationId' | 'areaId' | 'membershipId' | 'designationId'
  | 'estimateId' | 'incidentId' | 'perpetratorId' | 'participantId' | 'fundingStreamId' | 'fundingIncidentId'
  | 'externalIdentifierId' | 'assessmentId'
>;

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

class SeedWriter {
  private readonly sourceIds = new Map<string, string>();
  private readonly organizationIds = new Map<string, string>();
  private readonly personIds = new Map<string, string>();
  private readonly incidentIds = new Map<string, string>();
  citations = 0;

  constructor(private readonly tx: Tx) {}

  private id(map: Map<string, string>, slug: string): string {
    const id = map.get(slug);
    // Validation guarantees every reference resolves; reaching this is a loader bug.
    if (!id) throw new Error(`Internal: "${slug}" was not written before being referenced`);
    return id;
  }

  private async cite(subject: CitationSubject, subjectId: string, citations: Citations) {
    for (const c of citations) {
      const id = stableId('citation', subject, subjectId, c.source, c.quote, c.locator);
      const data = {
        sourceId: this.id(this.sourceIds, c.source),
        quote: c.quote,
        locator: c.locator ?? null,
        attributedTo: c.attributedTo ?? null,
        supports: c.supports ?? [],
        [subject]: subjectId,
      };
      await this.tx.citation.upsert({ where: { id }, create: { id, ...data }, update: data });
      this.citations++;
    }
  }

  async sources(sources: Data['sources']) {
    for (const s of sources) {
      const data = {
        title: s.title,
        publisher: s.publisher ?? null,
        url: s.url ?? null,
        kind: s.kind,
        description: s.description ?? null,
        ...date('published', s.published),
      };
      const row = await this.tx.source.upsert({
        where: { slug: s.slug },
        create: { id: stableId('source', s.slug), slug: s.slug, ...data },
        update: data,
      });
      this.sourceIds.set(s.slug, row.id);
      if (s.document) {
        // Held in the database too, so the provenance linter checks quotes against it wherever it runs.
        const text = readFileSync(join(DOCUMENTS_DIR, s.document), 'utf8');
        const document = { text, sha256: createHash('sha256').update(text).digest('hex') };
        await this.tx.sourceDocument.upsert({ where: { sourceId: row.id }, create: { sourceId: row.id, ...document }, update: document });
      }
    }
  }

  private async aliases(owner: 'organizationId' | 'personId', ownerSlug: string, ownerId: string, aliases: Alias[]) {
    for (const a of aliases) {
      const id = stableId('alias', owner, ownerSlug, a.name);
      const data = { name: a.name, kind: a.kind, language: a.language ?? null, quality: a.quality ?? 'STRONG', [owner]: ownerId };
      await this.tx.alias.upsert({ where: { id }, create: { id, ...data }, update: data });
      await this.cite('aliasId', id, a.citations);
    }
  }

  private async designations(owner: 'organizationId' | 'personId', ownerSlug: string, ownerId: string, list: Designation[]) {
    for (const d of list) {
      const id = stableId('designation', owner, ownerSlug, d.authority, d.reference ?? d.program);
      const data = {
        authority: d.authority,
        program: d.program,
        reference: d.reference ?? null,
        [owner]: ownerId,
        ...date('listed', d.listed),
        ...date('delisted', d.delisted),
        ...inferred(d),
      };
      await this.tx.designation.upsert({ where: { id }, create: { id, ...data }, update: data });
      await this.cite('designationId', id, d.citations);
    }
  }

  private async externalIds(owner: 'organizationId' | 'personId', ownerId: string, list: ExternalId[]) {
    for (const x of list) {
      const data = { scheme: x.scheme, value: x.value, [owner]: ownerId };
      const row = await this.tx.externalIdentifier.upsert({
        where: { scheme_value: { scheme: x.scheme, value: x.value } },
        create: { id: stableId('external-id', x.scheme, x.value), ...data },
        update: data,
      });
      await this.cite('externalIdentifierId', row.id, x.citations);
    }
  }

  private async assessments(owner: 'organizationId' | 'personId', ownerSlug: string, ownerId: string, list: Assessment[]) {
    for (const a of list) {
      const id = stableId('assessment', owner, ownerSlug, a.topic);
      const data = { topic: a.topic, statement: a.statement, [owner]: ownerId };
      await this.tx.assessment.upsert({ where: { id }, create: { id, ...data }, update: data });
      await this.cite('assessmentId', id, a.citations);
    }
  }

  private async estimates(
    subject: { organizationId?: string; fundingStreamId?: string; incidentId?: string },
    key: string,
    list: Estimate[],
  ) {
    for (const e of list) {
      const id = stableId('estimate', key, e.kind, e.unit, e.country, e.scope, e.asOf, e.periodStart, e.incident);
      const data = {
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
      };
      await this.tx.estimate.upsert({ where: { id }, create: { id, ...data }, update: data });
      await this.cite('estimateId', id, e.citations);
    }
  }

  /** Organizations first (without edges), so relations can point at any of them. */
  async organizations(list: Data['organizations']) {
    for (const o of list) {
      const data = {
        name: o.name,
        kind: o.kind,
        status: o.status,
        summary: o.summary ?? null,
        ideology: o.ideology ?? null,
        ...date('founded', o.founded),
        ...date('dissolved', o.dissolved),
        ...inferred(o),
      };
      const row = await this.tx.organization.upsert({
        where: { slug: o.slug },
        create: { id: stableId('organization', o.slug), slug: o.slug, ...data },
        update: data,
      });
      this.organizationIds.set(o.slug, row.id);
    }
  }

  async organizationFacts(list: Data['organizations']) {
    for (const o of list) {
      const orgId = this.id(this.organizationIds, o.slug);
      await this.cite('organizationId', orgId, o.citations);
      await this.aliases('organizationId', o.slug, orgId, o.aliases);
      for (const a of o.areas) {
        const id = stableId('area', o.slug, a.country, a.role, a.region);
        const data = {
          organizationId: orgId,
          countryCode: a.country,
          region: a.region ?? null,
          role: a.role,
          ...date('start', a.start),
          ...date('end', a.end),
          ...inferred(a),
        };
        await this.tx.organizationArea.upsert({ where: { id }, create: { id, ...data }, update: data });
        await this.cite('areaId', id, a.citations);
      }
      for (const r of o.relations) {
        const id = stableId('relation', o.slug, r.type, r.to);
        const data = {
          type: r.type,
          fromId: orgId,
          toId: this.id(this.organizationIds, r.to),
          description: r.description ?? null,
          ...date('start', r.start),
          ...date('end', r.end),
          ...inferred(r),
        };
        await this.tx.organizationRelation.upsert({ where: { id }, create: { id, ...data }, update: data });
        await this.cite('relationId', id, r.citations);
      }
      await this.designations('organizationId', o.slug, orgId, o.designations);
      await this.estimates({ organizationId: orgId }, `organization:${o.slug}`, o.estimates);
      await this.externalIds('organizationId', orgId, o.externalIds);
      await this.assessments('organizationId', o.slug, orgId, o.assessments);
    }
  }

  async persons(list: Data['persons']) {
    for (const p of list) {
      const data = {
        name: p.name,
        status: p.status,
        nationality: p.nationality ?? null,
        biography: p.biography ?? null,
        ...date('born', p.born),
        ...date('died', p.died),
        ...inferred(p),
      };
      const row = await this.tx.person.upsert({
        where: { slug: p.slug },
        create: { id: stableId('person', p.slug), slug: p.slug, ...data },
        update: data,
      });
      this.personIds.set(p.slug, row.id);
      await this.cite('personId', row.id, p.citations);
      await this.aliases('personId', p.slug, row.id, p.aliases);
      for (const m of p.memberships) {
        const id = stableId('membership', p.slug, m.organization, m.role, m.start);
        const data = {
          personId: row.id,
          organizationId: this.id(this.organizationIds, m.organization),
          role: m.role,
          title: m.title ?? null,
          ...date('start', m.start),
          ...date('end', m.end),
          ...inferred(m),
        };
        await this.tx.membership.upsert({ where: { id }, create: { id, ...data }, update: data });
        await this.cite('membershipId', id, m.citations);
      }
      await this.designations('personId', p.slug, row.id, p.designations);
      await this.externalIds('personId', row.id, p.externalIds);
      await this.assessments('personId', p.slug, row.id, p.assessments);
    }
  }

  async incidents(list: Data['incidents']) {
    for (const i of list) {
      const data = {
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
      };
      const row = await this.tx.incident.upsert({
        where: { slug: i.slug },
        create: { id: stableId('incident', i.slug), slug: i.slug, ...data },
        update: data,
      });
      this.incidentIds.set(i.slug, row.id);
      await this.cite('incidentId', row.id, i.citations);
      for (const p of i.perpetrators) {
        const organizationId = this.id(this.organizationIds, p.organization);
        const perpetrator = await this.tx.incidentPerpetrator.upsert({
          where: { incidentId_organizationId: { incidentId: row.id, organizationId } },
          create: { id: stableId('perpetrator', i.slug, p.organization), incidentId: row.id, organizationId, attribution: p.attribution },
          update: { attribution: p.attribution },
        });
        await this.cite('perpetratorId', perpetrator.id, p.citations);
      }
      for (const p of i.participants) {
        const personId = this.id(this.personIds, p.person);
        const participant = await this.tx.incidentParticipant.upsert({
          where: { incidentId_personId_role: { incidentId: row.id, personId, role: p.role } },
          create: {
            id: stableId('participant', i.slug, p.person, p.role),
            incidentId: row.id,
            personId,
            role: p.role,
            description: p.description ?? null,
          },
          update: { description: p.description ?? null },
        });
        await this.cite('participantId', participant.id, p.citations);
      }
      await this.estimates({ incidentId: row.id }, `incident:${i.slug}`, i.estimates);
    }
  }

  async fundingStreams(list: Data['fundingStreams']) {
    for (const f of list) {
      const data = {
        organizationId: this.id(this.organizationIds, f.organization),
        kind: f.kind,
        significance: f.significance,
        description: f.description,
      };
      const row = await this.tx.fundingStream.upsert({
        where: { slug: f.slug },
        create: { id: stableId('funding-stream', f.slug), slug: f.slug, ...data },
        update: data,
      });
      await this.cite('fundingStreamId', row.id, f.citations);
      await this.estimates({ fundingStreamId: row.id }, `funding-stream:${f.slug}`, f.estimates);
      for (const l of f.incidents) {
        const incidentId = this.id(this.incidentIds, l.incident);
        const link = await this.tx.fundingStreamIncident.upsert({
          where: { fundingStreamId_incidentId: { fundingStreamId: row.id, incidentId } },
          create: { id: stableId('funding-incident', f.slug, l.incident), fundingStreamId: row.id, incidentId, description: l.description ?? null },
          update: { description: l.description ?? null },
        });
        await this.cite('fundingIncidentId', link.id, l.citations);
      }
    }
  }

  async regionalEstimates(list: Data['estimates']) {
    await this.estimates({}, 'region', list);
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
      const writer = new SeedWriter(tx);
      await writer.sources(data.sources);
      await writer.organizations(data.organizations);
      await writer.persons(data.persons);
      await writer.incidents(data.incidents);
      await writer.organizationFacts(data.organizations);
      await writer.fundingStreams(data.fundingStreams);
      await writer.regionalEstimates(data.estimates);
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
    // Hundreds of round trips on a cold embedded database exceed Prisma's 5 s default.
    { timeout: 120_000, maxWait: 30_000 },
  );
  // Statistics for the planner (PGlite has no autovacuum to gather them).
  await prisma.$executeRawUnsafe('ANALYZE');
  return summary;
}
