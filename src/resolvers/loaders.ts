// One fresh set of DataLoaders per request: every relation of the graph is fetched for all the
// parents of a query level in one SQL statement, and each record at most once per request.
import DataLoader from 'dataloader';
import type { ScriptRunner } from '../db/client.js';
import type { ClosedDate } from '../partial-date.js';
import { dateMeetsSql } from './filters.js';
import type { Attribute, Citation, Incident, Mention, Organization, Person, PrismaClient, Source } from '../generated/prisma/client.js';

type Ids = readonly string[];

/**
 * LOADERS=naive turns batching off: each key is fetched by a statement of its own, one per parent, as
 * resolvers without DataLoaders would. Only `npm run bench:load` sets it, as the baseline that shows
 * what batching saves; caching within a request stays.
 */
const BATCH = process.env.LOADERS !== 'naive';

class Loader<K, V> extends DataLoader<K, V> {
  constructor(batchLoad: DataLoader.BatchLoadFn<K, V>) {
    super(batchLoad, { batch: BATCH });
  }
}

/** Loads several keys, each null when missing (DataLoader's loadMany would return Error objects instead). */
export function loadAll<V>(loader: DataLoader<string, V | null>, keys: readonly string[]): Promise<(V | null)[]> {
  return Promise.all(keys.map((key) => loader.load(key)));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Loads rows by primary key; unknown keys resolve to null. */
function rowLoader<Row extends { id: string }>(fetch: (ids: string[]) => Promise<Row[]>) {
  return new Loader<string, Row | null>(async (ids: Ids) => {
    // A key that is not a UUID (from a hand-made global ID) matches nothing; PostgreSQL would reject it.
    const valid = ids.filter((id) => UUID.test(id));
    const rows = valid.length > 0 ? await fetch(valid) : [];
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

/**
 * Whole rows of a table by primary key, in raw SQL. Column names are the Prisma field names (no
 * @map) and the drivers parse values as Prisma does (see rawTypeParser), so the rows have the
 * model's shape; test/entity-rows.test.ts holds them to Prisma's. Prisma costs about 1.5 ms more
 * a statement on PGlite, and these four tables are read on almost every request (search hits, node).
 */
function tableRows<Row>(sql: ScriptRunner, table: 'Organization' | 'Person' | 'Incident' | 'Source') {
  return (ids: string[]) => sql.query<Row>(`SELECT * FROM "${table}" WHERE id = ANY($1::uuid[])`, [ids]);
}

/** Loads rows by a unique column other than the primary key (slugs). */
function uniqueLoader<Row>(fetch: (keys: string[]) => Promise<Row[]>, keyOf: (row: Row) => string) {
  return new Loader<string, Row | null>(async (keys: Ids) => {
    const rows = await fetch([...keys]);
    const byKey = new Map(rows.map((row) => [keyOf(row), row]));
    return keys.map((key) => byKey.get(key) ?? null);
  });
}

/** Loads the children of many parents at once, grouped by parent key, in the order fetched. */
function childrenLoader<Row>(fetch: (keys: string[]) => Promise<Row[]>, keyOf: (row: Row) => string | null) {
  return new Loader<string, Row[]>(async (keys: Ids) => {
    const rows = await fetch([...keys]);
    const groups = new Map<string, Row[]>(keys.map((key) => [key, []]));
    for (const row of rows) {
      const key = keyOf(row);
      if (key !== null) groups.get(key)?.push(row);
    }
    return keys.map((key) => groups.get(key) ?? []);
  });
}

/** The Citation foreign keys, one per kind of cited record. */
export type CitationSubject =
  | 'organizationId' | 'personId' | 'aliasId' | 'relationId' | 'areaId' | 'membershipId' | 'designationId'
  | 'estimateId' | 'incidentId' | 'perpetratorId' | 'participantId' | 'fundingStreamId' | 'fundingIncidentId'
  | 'externalIdentifierId' | 'assessmentId' | 'mentionId' | 'attributeId';

// Stable orders, so lists read the same on every request.
const byName = [{ name: 'asc' as const }, { id: 'asc' as const }];
const byStart = [{ startEarliest: { sort: 'asc' as const, nulls: 'first' as const } }, { id: 'asc' as const }];

/** Which of an organization's incidents a timeline shows: a period, how many, from which end. */
export interface TimelineWindow {
  from: ClosedDate | null;
  to: ClosedDate | null;
  limit: number;
  /** The last `limit` instead of the first. */
  fromEnd: boolean;
  /** Whether undated incidents (listed last) may be included. */
  undated: boolean;
}

/**
 * The order of timeline incidents: by the day they sort by, then their last possible day (open ends
 * last), title (by code point, as the timeline compares) and id; undated last.
 */
const TIMELINE_ORDER = {
  forward: 'i."dateSort" ASC NULLS LAST, i."dateLatest" ASC NULLS LAST, i.title COLLATE "C" ASC, i.id ASC',
  backward: 'i."dateSort" DESC NULLS FIRST, i."dateLatest" DESC NULLS FIRST, i.title COLLATE "C" DESC, i.id DESC',
};

function timelineIncidents(sql: ScriptRunner, window: TimelineWindow) {
  return new Loader<string, Incident[]>(async (ids: Ids) => {
    const keys = ids.filter((id) => UUID.test(id));
    const params: unknown[] = [keys, window.limit];
    const period = dateMeetsSql('i', 'date', window.from, window.to, params);
    const rows = keys.length === 0 ? [] : await sql.query<Incident & { forOrganization: string }>(
      `SELECT o.id AS "forOrganization", i.* FROM unnest($1::uuid[]) AS o(id)
       CROSS JOIN LATERAL (
         SELECT i.* FROM "IncidentPerpetrator" p JOIN "Incident" i ON i.id = p."incidentId"
         WHERE p."organizationId" = o.id${period ? ` AND ${period}` : ''}${window.undated ? '' : ' AND i."dateSort" IS NOT NULL'}
         ORDER BY ${window.fromEnd ? TIMELINE_ORDER.backward : TIMELINE_ORDER.forward} LIMIT $2
       ) i`,
      params,
    );
    const groups = new Map<string, Incident[]>(ids.map((id) => [id, []]));
    for (const { forOrganization, ...incident } of rows) groups.get(forOrganization)?.push(incident as Incident);
    return ids.map((id) => groups.get(id)!);
  });
}

export function createLoaders(db: PrismaClient, sql: ScriptRunner) {
  const citationLoaders = new Map<CitationSubject, DataLoader<string, Citation[]>>();
  const timelineLoaders = new Map<string, DataLoader<string, Incident[]>>();

  return {
    organizationLoader: rowLoader(tableRows<Organization>(sql, 'Organization')),
    organizationBySlugLoader: uniqueLoader((slugs) => db.organization.findMany({ where: { slug: { in: slugs } } }), (o) => o.slug),
    personLoader: rowLoader(tableRows<Person>(sql, 'Person')),
    personBySlugLoader: uniqueLoader((slugs) => db.person.findMany({ where: { slug: { in: slugs } } }), (p) => p.slug),
    incidentLoader: rowLoader(tableRows<Incident>(sql, 'Incident')),
    incidentBySlugLoader: uniqueLoader((slugs) => db.incident.findMany({ where: { slug: { in: slugs } } }), (i) => i.slug),
    sourceLoader: rowLoader(tableRows<Source>(sql, 'Source')),
    fundingStreamLoader: rowLoader((ids) => db.fundingStream.findMany({ where: { id: { in: ids } } })),
    designationLoader: rowLoader((ids) => db.designation.findMany({ where: { id: { in: ids } } })),
    estimateLoader: rowLoader((ids) => db.estimate.findMany({ where: { id: { in: ids } } })),

    aliasesByOrganizationLoader: childrenLoader(
      (ids) => db.alias.findMany({ where: { organizationId: { in: ids } }, orderBy: byName }),
      (a) => a.organizationId,
    ),
    aliasesByPersonLoader: childrenLoader(
      (ids) => db.alias.findMany({ where: { personId: { in: ids } }, orderBy: byName }),
      (a) => a.personId,
    ),
    /** Edges leaving an organization: it is COMPONENT_OF, pledged ALLEGIANCE_TO, ... the target. */
    outgoingRelationsLoader: childrenLoader(
      (ids) => db.organizationRelation.findMany({ where: { fromId: { in: ids } }, orderBy: byStart }),
      (r) => r.fromId,
    ),
    /** Edges arriving at an organization: its components, the groups pledging allegiance to it, ... */
    incomingRelationsLoader: childrenLoader(
      (ids) => db.organizationRelation.findMany({ where: { toId: { in: ids } }, orderBy: byStart }),
      (r) => r.toId,
    ),
    areasByOrganizationLoader: childrenLoader(
      (ids) =>
        db.organizationArea.findMany({
          where: { organizationId: { in: ids } },
          orderBy: [{ role: 'asc' }, { countryCode: 'asc' }, { id: 'asc' }],
        }),
      (a) => a.organizationId,
    ),
    membershipsByOrganizationLoader: childrenLoader(
      (ids) => db.membership.findMany({ where: { organizationId: { in: ids } }, orderBy: byStart }),
      (m) => m.organizationId,
    ),
    membershipsByPersonLoader: childrenLoader(
      (ids) => db.membership.findMany({ where: { personId: { in: ids } }, orderBy: byStart }),
      (m) => m.personId,
    ),
    designationsByOrganizationLoader: childrenLoader(
      (ids) =>
        db.designation.findMany({
          where: { organizationId: { in: ids } },
          orderBy: [{ listedEarliest: { sort: 'asc', nulls: 'last' } }, { id: 'asc' }],
        }),
      (d) => d.organizationId,
    ),
    designationsByPersonLoader: childrenLoader(
      (ids) =>
        db.designation.findMany({
          where: { personId: { in: ids } },
          orderBy: [{ listedEarliest: { sort: 'asc', nulls: 'last' } }, { id: 'asc' }],
        }),
      (d) => d.personId,
    ),
    estimatesByOrganizationLoader: childrenLoader(
      (ids) => db.estimate.findMany({ where: { organizationId: { in: ids } }, orderBy: [{ kind: 'asc' }, { id: 'asc' }] }),
      (e) => e.organizationId,
    ),
    estimatesByFundingStreamLoader: childrenLoader(
      (ids) => db.estimate.findMany({ where: { fundingStreamId: { in: ids } }, orderBy: [{ kind: 'asc' }, { id: 'asc' }] }),
      (e) => e.fundingStreamId,
    ),
    estimatesByIncidentLoader: childrenLoader(
      (ids) => db.estimate.findMany({ where: { incidentId: { in: ids } }, orderBy: [{ kind: 'asc' }, { id: 'asc' }] }),
      (e) => e.incidentId,
    ),
    fundingStreamsByOrganizationLoader: childrenLoader(
      (ids) =>
        db.fundingStream.findMany({
          where: { organizationId: { in: ids } },
          orderBy: [{ significance: 'asc' }, { kind: 'asc' }, { id: 'asc' }],
        }),
      (f) => f.organizationId,
    ),
    fundingLinksByIncidentLoader: childrenLoader(
      (ids) => db.fundingStreamIncident.findMany({ where: { incidentId: { in: ids } }, orderBy: { id: 'asc' } }),
      (l) => l.incidentId,
    ),
    fundingLinksByStreamLoader: childrenLoader(
      (ids) => db.fundingStreamIncident.findMany({ where: { fundingStreamId: { in: ids } }, orderBy: { id: 'asc' } }),
      (l) => l.fundingStreamId,
    ),
    perpetratorsByIncidentLoader: childrenLoader(
      (ids) => db.incidentPerpetrator.findMany({ where: { incidentId: { in: ids } }, orderBy: [{ attribution: 'asc' }, { id: 'asc' }] }),
      (p) => p.incidentId,
    ),
    /** An organization's incidents, newest first, undated last. */
    perpetrationsByOrganizationLoader: childrenLoader(
      (ids) =>
        db.incidentPerpetrator.findMany({
          where: { organizationId: { in: ids } },
          include: { incident: true },
          orderBy: [{ incident: { dateEarliest: { sort: 'desc', nulls: 'last' } } }, { incident: { slug: 'asc' } }],
        }),
      (p) => p.organizationId,
    ),
    participantsByIncidentLoader: childrenLoader(
      (ids) => db.incidentParticipant.findMany({ where: { incidentId: { in: ids } }, orderBy: [{ role: 'asc' }, { id: 'asc' }] }),
      (p) => p.incidentId,
    ),
    participationsByPersonLoader: childrenLoader(
      (ids) => db.incidentParticipant.findMany({ where: { personId: { in: ids } }, orderBy: { id: 'asc' } }),
      (p) => p.personId,
    ),
    externalIdsByOrganizationLoader: childrenLoader(
      (ids) => db.externalIdentifier.findMany({ where: { organizationId: { in: ids } }, orderBy: [{ scheme: 'asc' }, { value: 'asc' }] }),
      (x) => x.organizationId,
    ),
    externalIdsByPersonLoader: childrenLoader(
      (ids) => db.externalIdentifier.findMany({ where: { personId: { in: ids } }, orderBy: [{ scheme: 'asc' }, { value: 'asc' }] }),
      (x) => x.personId,
    ),
    assessmentsByOrganizationLoader: childrenLoader(
      (ids) => db.assessment.findMany({ where: { organizationId: { in: ids } }, orderBy: [{ topic: 'asc' }, { id: 'asc' }] }),
      (a) => a.organizationId,
    ),
    assessmentsByPersonLoader: childrenLoader(
      (ids) => db.assessment.findMany({ where: { personId: { in: ids } }, orderBy: [{ topic: 'asc' }, { id: 'asc' }] }),
      (a) => a.personId,
    ),

    /** The mentions naming, or named by, each organization or person (one statement for all of a level). */
    mentionsByEntityLoader: new Loader<string, Mention[]>(async (ids: Ids) => {
      const keys = [...ids];
      const rows = await db.mention.findMany({
        where: { OR: [{ fromOrganizationId: { in: keys } }, { toOrganizationId: { in: keys } }, { fromPersonId: { in: keys } }, { toPersonId: { in: keys } }] },
        orderBy: [{ reference: 'asc' }, { id: 'asc' }],
      });
      return keys.map((id) => rows.filter((m) => [m.fromOrganizationId, m.toOrganizationId, m.fromPersonId, m.toPersonId].includes(id)));
    }),

    /** The stated details (dates and places of birth, nationalities, addresses) of each organization or person, as stored. */
    attributesByEntityLoader: new Loader<string, Attribute[]>(async (ids: Ids) => {
      const keys = [...ids].filter((id) => UUID.test(id));
      const rows = keys.length === 0 ? [] : await db.attribute.findMany({
        where: { OR: [{ personId: { in: keys } }, { organizationId: { in: keys } }] },
        orderBy: [{ createdAt: 'asc' }, { position: 'asc' }, { id: 'asc' }],
      });
      const groups = new Map<string, Attribute[]>(ids.map((id) => [id, []]));
      for (const row of rows) groups.get((row.personId ?? row.organizationId)!)?.push(row);
      return ids.map((id) => groups.get(id)!);
    }),

    /** How many citations name each source (one grouped statement for all the sources of a level). */
    citationCountBySourceLoader: new Loader<string, number>(async (ids: Ids) => {
      const rows = await db.citation.groupBy({ by: ['sourceId'], where: { sourceId: { in: [...ids] } }, _count: { _all: true } });
      const counts = new Map(rows.map((r) => [r.sourceId, r._count._all]));
      return ids.map((id) => counts.get(id) ?? 0);
    }),

    /** An organization's incidents for a timeline window (one loader per window, created on first use). */
    timelineIncidentsLoader(window: TimelineWindow): DataLoader<string, Incident[]> {
      const key = JSON.stringify(window);
      let loader = timelineLoaders.get(key);
      if (!loader) {
        loader = timelineIncidents(sql, window);
        timelineLoaders.set(key, loader);
      }
      return loader;
    },

    /** The citations of one kind of record (created on first use, one loader per kind). */
    citationsLoader(subject: CitationSubject): DataLoader<string, Citation[]> {
      let loader = citationLoaders.get(subject);
      if (!loader) {
        loader = childrenLoader(
          (ids) => db.citation.findMany({ where: { [subject]: { in: ids } }, orderBy: { id: 'asc' } }),
          (c) => c[subject],
        );
        citationLoaders.set(subject, loader);
      }
      return loader;
    },
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
