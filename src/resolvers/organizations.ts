import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../context.js';
import { badUserInput } from '../errors.js';
import type { Membership, OrganizationRelation, Prisma, RelationType } from '../generated/prisma/client.js';
import { prefetched, rowsWithSelection } from './prefetch.js';
import type { OrganizationRow, PersonRow } from './lean-rows.js';
import type {
  DesignationAuthority, OrganizationKind, OrganizationStatus, AreaRole,
} from '../generated/prisma/enums.js';
import { readDateColumns } from '../values/partial-date.js';
import { nameOrAliasContains } from './filters.js';
import { loadAll, type ComponentEdge } from './loaders.js';
import { matchInTime, type Life, type TemporalArgs } from './temporal.js';

export const MAX_COMPONENT_DEPTH = 10;

export interface OrganizationFilter {
  kind?: OrganizationKind[] | null;
  status?: OrganizationStatus[] | null;
  country?: string | null;
  areaRole?: AreaRole[] | null;
  designatedBy?: DesignationAuthority[] | null;
  componentOf?: string | null;
  nameContains?: string | null;
}

export function organizationWhere(filter: OrganizationFilter | null | undefined): Prisma.OrganizationWhereInput {
  if (!filter) return {};
  const and: Prisma.OrganizationWhereInput[] = [];
  if (filter.kind) and.push({ kind: { in: filter.kind } });
  if (filter.status) and.push({ status: { in: filter.status } });
  if (filter.country || filter.areaRole) {
    and.push({
      areas: {
        some: {
          ...(filter.country ? { countryCode: filter.country.toUpperCase() } : {}),
          ...(filter.areaRole ? { role: { in: filter.areaRole } } : {}),
        },
      },
    });
  }
  if (filter.designatedBy) and.push({ designations: { some: { authority: { in: filter.designatedBy } } } });
  if (filter.componentOf) and.push({ relationsFrom: { some: { type: 'COMPONENT_OF', to: { slug: filter.componentOf } } } });
  if (filter.nameContains) and.push(nameOrAliasContains(filter.nameContains, 'filter.nameContains'));
  return { AND: and };
}

/**
 * The organizations that are COMPONENT_OF `root`: directly, or at any depth up to `maxDepth`.
 * Walks, breadth first, the edges one recursive statement read for every organization asked in the same
 * tick; a visited set stops cycles in the data. The direct components, when the root list's statement
 * fetched them all, are returned at once.
 */
export function components(root: OrganizationRow, ctx: Context, info: GraphQLResolveInfo, transitive: boolean, maxDepth: number): OrganizationRow[] | Promise<OrganizationRow[]> {
  if (maxDepth < 1 || maxDepth > MAX_COMPONENT_DEPTH) {
    throw badUserInput(`"maxDepth" must be between 1 and ${MAX_COMPONENT_DEPTH}.`, 'maxDepth');
  }
  const edges = transitive ? undefined : prefetched<OrganizationRelation[]>(root, 'incoming');
  if (edges) {
    const direct: OrganizationRow[] = [];
    const seen = new Set([root.id]);
    for (const edge of edges) {
      if (edge.type !== 'COMPONENT_OF' || seen.has(edge.fromId)) continue;
      seen.add(edge.fromId);
      const from = prefetched<OrganizationRow>(edge, 'from');
      if (!from) return componentsByLevel(root, ctx, info, 1);
      direct.push(from);
    }
    return direct;
  }
  return componentsByLevel(root, ctx, info, transitive ? maxDepth : 1);
}

async function componentsByLevel(root: OrganizationRow, ctx: Context, info: GraphQLResolveInfo, depth: number) {
  // The first level's rows, when the root list's statement fetched them.
  const first = prefetched<OrganizationRelation[]>(root, 'incoming');
  const fetched = new Map<string, OrganizationRow>();
  for (const edge of first ?? []) {
    const from = prefetched<OrganizationRow>(edge, 'from');
    if (from) fetched.set(from.id, from);
  }
  // The edges into each organization the walk reaches: one level, the root's own (the fetched ones carry no
  // "toId"); deeper, every edge the walk may follow, in one statement for all the organizations asked.
  const into = new Map<string, ComponentEdge[]>();
  if (depth === 1) into.set(root.id, first ?? await ctx.loaders.incomingRelationsLoader.load(root.id));
  else {
    for (const edge of await ctx.loaders.componentEdgesLoader.load(`${depth} ${root.id}`)) {
      const list = into.get(edge.toId);
      if (list) list.push(edge);
      else into.set(edge.toId, [edge]);
    }
  }
  const seen = new Set([root.id]);
  const found: string[] = [];
  let frontier = [root.id];
  for (let level = 0; level < depth && frontier.length > 0; level++) {
    const next: string[] = [];
    for (const edge of frontier.flatMap((id) => into.get(id) ?? [])) {
      if (edge.type !== 'COMPONENT_OF' || seen.has(edge.fromId)) continue;
      seen.add(edge.fromId);
      found.push(edge.fromId);
      next.push(edge.fromId);
    }
    frontier = next;
  }
  const loaded = found.filter((id) => !fetched.has(id));
  const byId = new Map<string, OrganizationRow>(fetched);
  // Each level's components with their columns and what the selection reaches below them, in one statement
  // for every walk of the list.
  const whole = rowsWithSelection<OrganizationRow>(ctx, info, 'Organization', loaded);
  if (whole) {
    for (const row of await whole) if (row) byId.set(row.id, row);
  } else {
    // load() per key rather than loadMany(): a failed query must fail the field, not shorten the list.
    const rows = await Promise.all(loaded.map((id) => ctx.loaders.organizationLoader.load(id)));
    for (const row of rows) if (row) byId.set(row.id, row);
  }
  return found.map((id) => byId.get(id)).filter((o): o is OrganizationRow => o !== undefined);
}

/** Organizations at the other end of `organization`'s outgoing edges of `type`. */
export async function relatedOrganizations(organization: OrganizationRow, ctx: Context, type: RelationType) {
  const edges = prefetched<OrganizationRelation[]>(organization, 'outgoing') ?? await ctx.loaders.outgoingRelationsLoader.load(organization.id);
  const targets = await Promise.all(
    edges.filter((e) => e.type === type).map((e) => prefetched<OrganizationRow>(e, 'to') ?? ctx.loaders.organizationLoader.load(e.toId)),
  );
  return targets.filter((o): o is OrganizationRow => o !== null);
}

/**
 * What is known of the lives of the people holding these memberships (status and date of death): from
 * the persons fetched with them (a plan matching them in time reads those columns), else their loader.
 */
async function livesOf(memberships: readonly Membership[], ctx: Context): Promise<Map<string, Life>> {
  const fetched = memberships.map((m) => prefetched<PersonRow>(m, 'person'));
  const people = fetched.every((p) => p !== undefined) ? fetched : await loadAll(ctx.loaders.personLoader, memberships.map((m) => m.personId));
  const lives = new Map<string, Life>();
  for (const person of people) {
    if (person) lives.set(person.id, { died: readDateColumns(person, 'died'), deceased: person.status === 'DECEASED' });
  }
  return lives;
}

/**
 * An organization's memberships matched by `asOf` / `current` (all of them without either): every
 * membership, or its leaderships alone (read apart: a large group has many members but few leaders).
 */
export function membershipsInTime(organization: OrganizationRow, ctx: Context, args: TemporalArgs, leadersOnly = false) {
  const fetched = leadersOnly ? prefetched<Membership[]>(organization, 'leaders') : undefined;
  // Without a time to match, fetched leaderships are the answer at once.
  if (fetched && args.asOf == null && args.current == null) return matchInTime(fetched, args);
  return membershipsMatched(organization, ctx, args, leadersOnly, fetched);
}

async function membershipsMatched(organization: OrganizationRow, ctx: Context, args: TemporalArgs, leadersOnly: boolean, fetched: Membership[] | undefined) {
  const loader = leadersOnly ? ctx.loaders.leadersByOrganizationLoader : ctx.loaders.membershipsByOrganizationLoader;
  const memberships = fetched ?? await loader.load(organization.id);
  if (args.asOf == null && args.current == null) return matchInTime(memberships, args);
  const lives = await livesOf(memberships, ctx);
  return matchInTime(memberships, args, (m) => lives.get(m.personId) ?? null);
}

/** Leadership memberships, matched by `asOf` / `current` with their certainty (see matchInTime). */
export function leaders(organization: OrganizationRow, ctx: Context, args: TemporalArgs) {
  return membershipsInTime(organization, ctx, args, true);
}
