// One fresh set of DataLoaders per request: every relation of the graph is fetched for all the
// parents of a query level in one SQL statement, and each record at most once per request.
import DataLoader from 'dataloader';
import type { ScriptRunner } from '../db/client.js';
import type { ClosedDate } from '../values/partial-date.js';
import { dateMeetsWhere } from './filters.js';
import { whereSql } from './sql-where.js';
import * as tables from './tables.js';
import { LEAN_COLUMNS, TEXT_COLUMNS, type OrganizationRow, type PersonRow } from './lean-rows.js';
import type { Alias, Attribute, Citation, Incident, IncidentPerpetrator, Membership, Mention, OrganizationRelation, Organization, Person, PrismaClient, Source } from '../generated/prisma/client.js';

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
function tableRows<Row>(sql: ScriptRunner, table: 'Organization' | 'Person' | 'Incident' | 'Source', columns = '*') {
  return (ids: string[]) => sql.query<Row>(`SELECT ${columns} FROM "${table}" WHERE id = ANY($1::uuid[])`, [ids]);
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
const BY_NAME = '"name" ASC, "id" ASC';
const BY_START = '"startEarliest" ASC NULLS FIRST, "id" ASC';

/**
 * The rows of a child table whose `column` is one of the parents' IDs, whole and in raw SQL, for the
 * relations read on most requests (aliases, relations, memberships, perpetrators, citations): Prisma
 * costs more than the statement itself. test/entity-rows.test.ts holds them equal to Prisma's rows.
 */
function childRows<Row>(sql: ScriptRunner, table: string, column: string, orderBy: string, condition = '') {
  return (ids: string[]) => {
    const valid = ids.filter((id) => UUID.test(id));
    return valid.length === 0 ? Promise.resolve([]) : sql.query<Row>(`SELECT * FROM "${table}" WHERE "${column}" = ANY($1::uuid[])${condition} ORDER BY ${orderBy}`, [valid]);
  };
}

/** Whole rows by slug, in raw SQL. */
function rowsBySlug<Row>(sql: ScriptRunner, table: 'Organization' | 'Person' | 'Incident') {
  return (slugs: string[]) => sql.query<Row>(`SELECT * FROM "${table}" WHERE slug = ANY($1::text[])`, [slugs]);
}

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
    // The incident filter's own date condition (open dates excluded), translated to SQL.
    const period = whereSql(tables.Incident, 'i', { AND: dateMeetsWhere('date', window.from, window.to, false, true) }, params);
    const rows = keys.length === 0 ? [] : await sql.query<Incident & { forOrganization: string }>(
      `SELECT o.id AS "forOrganization", i.* FROM unnest($1::uuid[]) AS o(id)
       CROSS JOIN LATERAL (
         SELECT i.* FROM "IncidentPerpetrator" p JOIN "Incident" i ON i.id = p."incidentId"
         WHERE p."organizationId" = o.id AND p.role = 'ACTED' AND ${period}${window.undated ? '' : ' AND i."dateSort" IS NOT NULL'}
         ORDER BY ${window.fromEnd ? TIMELINE_ORDER.backward : TIMELINE_ORDER.forward} LIMIT $2
       ) i`,
      params,
    );
    const groups = new Map<string, Incident[]>(ids.map((id) => [id, []]));
    for (const { forOrganization, ...incident } of rows) groups.get(forOrganization)?.push(incident as Incident);
    return ids.map((id) => groups.get(id)!);
  });
}

/** An edge of a component walk: all the walk reads of a relation. */
export type ComponentEdge = Pick<OrganizationRelation, 'fromId' | 'toId' | 'type'>;

/**
 * The COMPONENT_OF edges within `depth` levels below each organization (keys "<depth> <id>"), in one
 * recursive statement for all of them, in the incoming relations' order: a walk level by level
 * through the incoming relations' loader took a statement a level, and organizations whose tree ended
 * sooner loaded their components, then those components' leaders, persons and aliases, in batches of
 * their own (12 statements for 50 coalitions at scale S).
 */
function componentEdgesLoader(sql: ScriptRunner) {
  return new Loader<string, ComponentEdge[]>(async (keys: Ids) => {
    const byDepth = new Map<number, string[]>();
    for (const key of keys) {
      const [depth, id] = key.split(' ') as [string, string];
      if (!UUID.test(id)) continue;
      const ids = byDepth.get(Number(depth));
      if (ids) ids.push(id);
      else byDepth.set(Number(depth), [id]);
    }
    const edges = new Map<string, ComponentEdge[]>(keys.map((key) => [key, []]));
    for (const [depth, ids] of byDepth) {
      // The organizations whose components are asked (depth 0 to depth - 1), then their incoming edges:
      // their ends alone (every column of them, dates and sources, was most of what 50 transitive walks
      // read, parsed and dropped).
      const rows = await sql.query<ComponentEdge & { forRoot: string }>(
        `WITH RECURSIVE walk(root, id, depth) AS (
           SELECT r, r, 0 FROM unnest($1::uuid[]) AS r
           UNION
           SELECT w.root, e."fromId", w.depth + 1 FROM walk w
           JOIN "OrganizationRelation" e ON e."toId" = w.id AND e.type = 'COMPONENT_OF'
           WHERE w.depth + 1 < $2
         )
         SELECT r.root AS "forRoot", e."fromId", e."toId", e.type FROM (SELECT DISTINCT root, id FROM walk) r
         JOIN "OrganizationRelation" e ON e."toId" = r.id AND e.type = 'COMPONENT_OF'
         ORDER BY r.root, e."startEarliest" ASC NULLS FIRST, e.id ASC`,
        [ids, depth],
      );
      for (const edge of rows) edges.get(`${depth} ${edge.forRoot}`)!.push(edge);
    }
    return keys.map((key) => edges.get(key)!);
  });
}

interface Sources {
  db: PrismaClient;
  sql: ScriptRunner;
}

/** How each loader of a request is built; each is built on first use (see LoaderSet). */
const FACTORIES = {
  /** Lean rows (see lean-rows.ts): what relations lead to. */
  organizationLoader: ({ sql }: Sources) => rowLoader(tableRows<OrganizationRow>(sql, 'Organization', LEAN_COLUMNS.Organization)),
  organizationTextLoader: ({ sql }: Sources) => rowLoader(tableRows<{ id: string; summary: string | null; ideology: string | null }>(sql, 'Organization', `id, ${TEXT_COLUMNS.Organization.join(', ')}`)),
  organizationBySlugLoader: ({ sql }: Sources) => uniqueLoader(rowsBySlug<Organization>(sql, 'Organization'), (o) => o.slug),
  personLoader: ({ sql }: Sources) => rowLoader(tableRows<PersonRow>(sql, 'Person', LEAN_COLUMNS.Person)),
  personTextLoader: ({ sql }: Sources) => rowLoader(tableRows<{ id: string; biography: string | null }>(sql, 'Person', `id, ${TEXT_COLUMNS.Person.join(', ')}`)),
  personBySlugLoader: ({ sql }: Sources) => uniqueLoader(rowsBySlug<Person>(sql, 'Person'), (p) => p.slug),
  incidentLoader: ({ sql }: Sources) => rowLoader(tableRows<Incident>(sql, 'Incident')),
  incidentBySlugLoader: ({ sql }: Sources) => uniqueLoader(rowsBySlug<Incident>(sql, 'Incident'), (i) => i.slug),
  sourceLoader: ({ sql }: Sources) => rowLoader(tableRows<Source>(sql, 'Source')),
  fundingStreamLoader: ({ db }: Sources) => rowLoader((ids) => db.fundingStream.findMany({ where: { id: { in: ids } } })),
  designationLoader: ({ db }: Sources) => rowLoader((ids) => db.designation.findMany({ where: { id: { in: ids } } })),
  estimateLoader: ({ db }: Sources) => rowLoader((ids) => db.estimate.findMany({ where: { id: { in: ids } } })),

  aliasesByOrganizationLoader: ({ sql }: Sources) => childrenLoader(
    childRows<Alias>(sql, 'Alias', 'organizationId', BY_NAME),
    (a) => a.organizationId,
  ),
  aliasesByPersonLoader: ({ sql }: Sources) => childrenLoader(
    childRows<Alias>(sql, 'Alias', 'personId', BY_NAME),
    (a) => a.personId,
  ),
  /** Edges leaving an organization: it is COMPONENT_OF, pledged ALLEGIANCE_TO, ... the target. */
  outgoingRelationsLoader: ({ sql }: Sources) => childrenLoader(
    childRows<OrganizationRelation>(sql, 'OrganizationRelation', 'fromId', BY_START),
    (r) => r.fromId,
  ),
  componentEdgesLoader: ({ sql }: Sources) => componentEdgesLoader(sql),
  /** Edges arriving at an organization: its components, the groups pledging allegiance to it, ... */
  incomingRelationsLoader: ({ sql }: Sources) => childrenLoader(
    childRows<OrganizationRelation>(sql, 'OrganizationRelation', 'toId', BY_START),
    (r) => r.toId,
  ),
  areasByOrganizationLoader: ({ db }: Sources) => childrenLoader(
    (ids) =>
      db.organizationArea.findMany({
        where: { organizationId: { in: ids } },
        orderBy: [{ role: 'asc' }, { countryCode: 'asc' }, { id: 'asc' }],
      }),
    (a) => a.organizationId,
  ),
  membershipsByOrganizationLoader: ({ sql }: Sources) => childrenLoader(
    childRows<Membership>(sql, 'Membership', 'organizationId', BY_START),
    (m) => m.organizationId,
  ),
  // Leaderships alone (role LEADER), asked on almost every organization.
  leadersByOrganizationLoader: ({ sql }: Sources) => childrenLoader(
    childRows<Membership>(sql, 'Membership', 'organizationId', BY_START, ` AND role = 'LEADER'`),
    (m) => m.organizationId,
  ),
  membershipsByPersonLoader: ({ sql }: Sources) => childrenLoader(
    childRows<Membership>(sql, 'Membership', 'personId', BY_START),
    (m) => m.personId,
  ),
  designationsByOrganizationLoader: ({ db }: Sources) => childrenLoader(
    (ids) =>
      db.designation.findMany({
        where: { organizationId: { in: ids } },
        orderBy: [{ listedEarliest: { sort: 'asc', nulls: 'last' } }, { id: 'asc' }],
      }),
    (d) => d.organizationId,
  ),
  designationsByPersonLoader: ({ db }: Sources) => childrenLoader(
    (ids) =>
      db.designation.findMany({
        where: { personId: { in: ids } },
        orderBy: [{ listedEarliest: { sort: 'asc', nulls: 'last' } }, { id: 'asc' }],
      }),
    (d) => d.personId,
  ),
  estimatesByOrganizationLoader: ({ db }: Sources) => childrenLoader(
    (ids) => db.estimate.findMany({ where: { organizationId: { in: ids } }, orderBy: [{ kind: 'asc' }, { id: 'asc' }] }),
    (e) => e.organizationId,
  ),
  estimatesByFundingStreamLoader: ({ db }: Sources) => childrenLoader(
    (ids) => db.estimate.findMany({ where: { fundingStreamId: { in: ids } }, orderBy: [{ kind: 'asc' }, { id: 'asc' }] }),
    (e) => e.fundingStreamId,
  ),
  estimatesByIncidentLoader: ({ db }: Sources) => childrenLoader(
    (ids) => db.estimate.findMany({ where: { incidentId: { in: ids } }, orderBy: [{ kind: 'asc' }, { id: 'asc' }] }),
    (e) => e.incidentId,
  ),
  fundingStreamsByOrganizationLoader: ({ db }: Sources) => childrenLoader(
    (ids) =>
      db.fundingStream.findMany({
        where: { organizationId: { in: ids } },
        orderBy: [{ significance: 'asc' }, { kind: 'asc' }, { id: 'asc' }],
      }),
    (f) => f.organizationId,
  ),
  fundingLinksByIncidentLoader: ({ db }: Sources) => childrenLoader(
    (ids) => db.fundingStreamIncident.findMany({ where: { incidentId: { in: ids } }, orderBy: { id: 'asc' } }),
    (l) => l.incidentId,
  ),
  fundingLinksByStreamLoader: ({ db }: Sources) => childrenLoader(
    (ids) => db.fundingStreamIncident.findMany({ where: { fundingStreamId: { in: ids } }, orderBy: { id: 'asc' } }),
    (l) => l.fundingStreamId,
  ),
  /** Those that acted: the incident's perpetrators. */
  perpetratorsByIncidentLoader: ({ sql }: Sources) => childrenLoader(
    childRows<IncidentPerpetrator>(sql, 'IncidentPerpetrator', 'incidentId', '"attribution" ASC, "id" ASC', ` AND "role" = 'ACTED'`),
    (p) => p.incidentId,
  ),
  /** Every organization of the incident, whatever its part: those that acted first, then those acted on, sides, parties. */
  partiesByIncidentLoader: ({ sql }: Sources) => childrenLoader(
    childRows<IncidentPerpetrator>(sql, 'IncidentPerpetrator', 'incidentId', '"role" ASC, "side" ASC NULLS LAST, "attribution" ASC, "id" ASC'),
    (p) => p.incidentId,
  ),
  /** An organization's incidents, whatever its part, newest first, undated last. */
  perpetrationsByOrganizationLoader: ({ db }: Sources) => childrenLoader(
    (ids) =>
      db.incidentPerpetrator.findMany({
        where: { organizationId: { in: ids } },
        include: { incident: true },
        orderBy: [{ incident: { dateEarliest: { sort: 'desc', nulls: 'last' } } }, { incident: { slug: 'asc' } }],
      }),
    (p) => p.organizationId,
  ),
  participantsByIncidentLoader: ({ db }: Sources) => childrenLoader(
    (ids) => db.incidentParticipant.findMany({ where: { incidentId: { in: ids } }, orderBy: [{ role: 'asc' }, { id: 'asc' }] }),
    (p) => p.incidentId,
  ),
  participationsByPersonLoader: ({ db }: Sources) => childrenLoader(
    (ids) => db.incidentParticipant.findMany({ where: { personId: { in: ids } }, orderBy: { id: 'asc' } }),
    (p) => p.personId,
  ),
  externalIdsByOrganizationLoader: ({ db }: Sources) => childrenLoader(
    (ids) => db.externalIdentifier.findMany({ where: { organizationId: { in: ids } }, orderBy: [{ scheme: 'asc' }, { value: 'asc' }] }),
    (x) => x.organizationId,
  ),
  externalIdsByPersonLoader: ({ db }: Sources) => childrenLoader(
    (ids) => db.externalIdentifier.findMany({ where: { personId: { in: ids } }, orderBy: [{ scheme: 'asc' }, { value: 'asc' }] }),
    (x) => x.personId,
  ),
  assessmentsByOrganizationLoader: ({ db }: Sources) => childrenLoader(
    (ids) => db.assessment.findMany({ where: { organizationId: { in: ids } }, orderBy: [{ topic: 'asc' }, { id: 'asc' }] }),
    (a) => a.organizationId,
  ),
  assessmentsByPersonLoader: ({ db }: Sources) => childrenLoader(
    (ids) => db.assessment.findMany({ where: { personId: { in: ids } }, orderBy: [{ topic: 'asc' }, { id: 'asc' }] }),
    (a) => a.personId,
  ),

  /** The mentions naming, or named by, each organization or person (one statement for all of a level). */
  mentionsByEntityLoader: ({ db }: Sources) => new Loader<string, Mention[]>(async (ids: Ids) => {
    const keys = [...ids];
    const rows = await db.mention.findMany({
      where: { OR: [{ fromOrganizationId: { in: keys } }, { toOrganizationId: { in: keys } }, { fromPersonId: { in: keys } }, { toPersonId: { in: keys } }] },
      orderBy: [{ reference: 'asc' }, { id: 'asc' }],
    });
    return keys.map((id) => rows.filter((m) => [m.fromOrganizationId, m.toOrganizationId, m.fromPersonId, m.toPersonId].includes(id)));
  }),

  /** The stated details (dates and places of birth, nationalities, addresses) of each organization or person, as stored. */
  attributesByEntityLoader: ({ db }: Sources) => new Loader<string, Attribute[]>(async (ids: Ids) => {
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
  citationCountBySourceLoader: ({ db }: Sources) => new Loader<string, number>(async (ids: Ids) => {
    const rows = await db.citation.groupBy({ by: ['sourceId'], where: { sourceId: { in: [...ids] } }, _count: { _all: true } });
    const counts = new Map(rows.map((r) => [r.sourceId, r._count._all]));
    return ids.map((id) => counts.get(id) ?? 0);
  }),
};

type Built = { readonly [K in keyof typeof FACTORIES]: ReturnType<(typeof FACTORIES)[K]> };

/**
 * One request's loaders. Each is built on first read (a getter on the prototype that then stores an
 * own property), so a request creates only the loaders its operation uses: building all forty for
 * every request took a seventh of the CPU of a small one.
 */
class LoaderSet {
  private readonly citationLoaders = new Map<CitationSubject, DataLoader<string, Citation[]>>();
  private readonly timelineLoaders = new Map<string, DataLoader<string, Incident[]>>();
  constructor(readonly db: PrismaClient, readonly sql: ScriptRunner) {}

  /** An organization's incidents for a timeline window (one loader per window, created on first use). */
  timelineIncidentsLoader(window: TimelineWindow): DataLoader<string, Incident[]> {
    const key = JSON.stringify(window);
    let loader = this.timelineLoaders.get(key);
    if (!loader) {
      loader = timelineIncidents(this.sql, window);
      this.timelineLoaders.set(key, loader);
    }
    return loader;
  }

  /** The citations of one kind of record (created on first use, one loader per kind). */
  citationsLoader(subject: CitationSubject): DataLoader<string, Citation[]> {
    let loader = this.citationLoaders.get(subject);
    if (!loader) {
      loader = childrenLoader(
        childRows<Citation>(this.sql, 'Citation', subject, '"id" ASC'),
        (c) => c[subject],
      );
      this.citationLoaders.set(subject, loader);
    }
    return loader;
  }
}

for (const key of Object.keys(FACTORIES) as (keyof typeof FACTORIES)[]) {
  Object.defineProperty(LoaderSet.prototype, key, {
    get(this: LoaderSet) {
      const loader = FACTORIES[key](this);
      Object.defineProperty(this, key, { value: loader });
      return loader;
    },
  });
}

export function createLoaders(db: PrismaClient, sql: ScriptRunner): LoaderSet & Built {
  return new LoaderSet(db, sql) as LoaderSet & Built;
}

export type Loaders = ReturnType<typeof createLoaders>;
