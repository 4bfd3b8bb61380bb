import type { Alias, Designation, Organization, OrganizationArea, OrganizationRelation } from '../generated/prisma/client.js';
import { dateArgument, dateMeets } from '../resolvers/filters.js';
import { matchInTime } from '../resolvers/temporal.js';
import { loadAll } from '../resolvers/loaders.js';
import {
  MAX_COMPONENT_DEPTH, components, leaders, membershipsInTime, organizationWhere, relatedOrganizations,
} from '../resolvers/organizations.js';
import { arrayConnection, keysetConnection, sqlKeysetQuery, type SortKey } from '../resolvers/pagination.js';
import * as tables from '../resolvers/tables.js';
import { organizationTimeline, TIMELINE_DEFAULT, TIMELINE_MAX } from '../resolvers/timeline.js';
import { TimelineEventKindEnum } from './timeline.js';
import { readDateColumns } from '../values/partial-date.js';
import { textOf } from '../resolvers/lean-rows.js';
import { fetchedListOr, fetchedOr, prefetched, rootBySlug, rootSelection } from '../resolvers/prefetch.js';
import type { OrganizationRow } from '../resolvers/lean-rows.js';
import { aliasArgs, filterAliases } from './alias.js';
import { builder } from './builder.js';
import { inferenceOf } from '../values/partial-date.js';
import { connectionOf } from './connections.js';
import { partialDateField } from './dates.js';
import {
  AreaRoleEnum, AttributionEnum, DesignationAuthorityEnum, EstimateKindEnum, IncidentKindEnum, IncidentRoleEnum, MembershipRoleEnum,
  OrganizationKindEnum, OrganizationStatusEnum, RelationTypeEnum,
} from './enums.js';
import { IncidentConnection } from './incident.js';
import { MembershipConnection } from './person.js';
import {
  AliasRef, AreaRef, AssessmentRef, DesignationRef, EstimateRef, ExternalIdentifierRef, FundingStreamRef, MembershipRef,
  OrganizationRef, RelationRef, TimelineEventRef,
} from './refs.js';
import { citationsField } from './source.js';
import { certaintyField, temporalArgs } from './temporal.js';

const RelationDirectionEnum = builder.enumType('RelationDirection', {
  description: 'Which edges of an organization to list.',
  values: {
    OUTGOING: { description: 'Edges from this organization (it is a component of, pledged allegiance to, ... the other).' },
    INCOMING: { description: 'Edges to this organization (the other is its component, pledged allegiance to it, ...).' },
    BOTH: { description: 'Edges in either direction.' },
  } as const,
});

RelationRef.implement({
  description: 'A typed, directed, dated tie between two organizations: `from` is COMPONENT_OF / ALLEGIANCE_TO / ... `to`.',
  fields: (t) => ({
    type: t.expose('type', { type: RelationTypeEnum, description: 'The kind of tie.' }),
    from: t.field({
      type: OrganizationRef,
      description: 'The organization the edge starts from.',
      resolve: (r, _, ctx) => fetchedOr<OrganizationRow>(r, 'from', () => ctx.loaders.organizationLoader.load(r.fromId)),
    }),
    to: t.field({
      type: OrganizationRef,
      description: 'The organization the edge points to.',
      resolve: (r, _, ctx) => fetchedOr<OrganizationRow>(r, 'to', () => ctx.loaders.organizationLoader.load(r.toId)),
    }),
    description: t.exposeString('description', { nullable: true, description: 'What the tie consists of, in short.' }),
    inferred: t.boolean({
      description: 'True when its direction (which of the two is `from`) is not stated by a cited passage but derived by a rule: `inference` gives the rule.',
      resolve: (r) => inferenceOf(r, 'direction') !== null,
    }),
    inference: t.string({ nullable: true, description: 'How the direction was derived, when `inferred`.', resolve: (r) => inferenceOf(r, 'direction') }),
    start: t.field(partialDateField('start', 'When the tie began, as precisely as known.')),
    end: t.field(partialDateField('end', 'When it ended; null while it holds or when unknown.')),
    certainty: t.field(certaintyField('tie')),
    citations: t.field(citationsField('relationId')),
  }),
});

AreaRef.implement({
  description: 'A country (or part of one) where an organization is based, active, expanding, or which it threatens.',
  fields: (t) => ({
    country: t.exposeString('countryCode', { description: 'ISO 3166-1 alpha-2 country code ("ML").' }),
    region: t.exposeString('region', { nullable: true, description: 'The part of the country, when the source names one.' }),
    role: t.expose('role', { type: AreaRoleEnum, description: 'The organization’s relation to the area.' }),
    start: t.field(partialDateField('start', 'Since when, as precisely as known.')),
    end: t.field(partialDateField('end', 'Until when; null while it holds or when unknown.')),
    certainty: t.field(certaintyField('area')),
    citations: t.field(citationsField('areaId')),
  }),
});

const OrganizationIncidentFilter = builder.inputType('OrganizationIncidentFilter', {
  description: 'Narrows an organization’s incidents; all given conditions must hold.',
  fields: (t) => ({
    from: t.string({ description: 'Incidents that may have happened on or after this date ("2018", "2018-06", "2018-06-15").' }),
    to: t.string({ description: 'Incidents that may have happened on or before this date.' }),
    includeOpenDates: t.boolean({
      defaultValue: false,
      description: 'Also match dates open on one side ("on or before 2020-11-13") whose open side may reach into the period.',
    }),
    kind: t.field({ type: [IncidentKindEnum], description: 'Any of these kinds.' }),
    attribution: t.field({ type: [AttributionEnum], description: 'Only incidents tied to the organization this way.' }),
    role: t.field({
      type: [IncidentRoleEnum],
      defaultValue: ['ACTED'],
      description: 'Its part in them: [ACTED] (the default) is what it did, [ACTED_ON] what was done to it, [SIDE] the clashes it fought; all four for any part.',
    }),
  }),
});

builder.node(OrganizationRef, {
  description: 'An armed group, coalition, faction, branch, network or state force, with its names, ties, people, money and incidents.',
  id: { resolve: (o) => o.id },
  loadMany: (ids, ctx) => loadAll(ctx.loaders.organizationLoader, ids),
  fields: (t) => ({
    slug: t.exposeString('slug', { description: 'Short, stable, lowercase key: "jnim", "aqim", "katiba-macina".' }),
    name: t.exposeString('name', { description: 'Canonical name.' }),
    kind: t.expose('kind', { type: OrganizationKindEnum, description: 'What sort of organization it is (`kindInference` says when a rule read it).' }),
    kindInference: t.string({
      nullable: true,
      description: 'The rule that read `kind` from what a source does state (a name, a sanctions regime), when no source classifies the organization; null when one does.',
      resolve: (o) => inferenceOf(o, 'kind'),
    }),
    status: t.expose('status', { type: OrganizationStatusEnum, description: 'Whether it still operates.' }),
    summary: t.string({ nullable: true, description: 'A short description.', resolve: (o, _, ctx) => textOf(o, 'summary', ctx.loaders.organizationTextLoader) }),
    ideology: t.string({ nullable: true, description: 'Its ideology and aims.', resolve: (o, _, ctx) => textOf(o, 'ideology', ctx.loaders.organizationTextLoader) }),
    founded: t.field(partialDateField('founded', 'When it was founded or formed, as precisely as known.')),
    dissolved: t.field(partialDateField('dissolved', 'When it was dissolved; null while active or when unknown.')),
    aliases: t.field({
      type: [AliasRef],
      description: 'Its other names: acronyms, transliterations, translations, former names.',
      args: aliasArgs,
      resolve: (o, args, ctx) => fetchedListOr(o, 'aliases', () => ctx.loaders.aliasesByOrganizationLoader.load(o.id), (aliases: Alias[]) => filterAliases(aliases, args)),
    }),
    components: t.field({
      type: [OrganizationRef],
      description: 'Organizations that are components of this one (COMPONENT_OF edges pointing here).',
      args: {
        transitive: t.arg.boolean({ defaultValue: false, description: 'Also components of components, down to `maxDepth`.' }),
        maxDepth: t.arg.int({
          defaultValue: 5,
          description: `How many levels to descend when transitive (1 to ${MAX_COMPONENT_DEPTH}).`,
        }),
      },
      resolve: (o, args, ctx, info) => components(o, ctx, info, args.transitive ?? false, args.maxDepth ?? 5),
    }),
    memberOf: t.field({
      type: [OrganizationRef],
      description: 'Coalitions or groups this organization is a component of.',
      resolve: (o, _, ctx) => relatedOrganizations(o, ctx, 'COMPONENT_OF'),
    }),
    relations: t.field({
      type: [RelationRef],
      description: 'Its typed ties to other organizations.',
      args: {
        type: t.arg({ type: [RelationTypeEnum], description: 'Only ties of these types.' }),
        direction: t.arg({ type: RelationDirectionEnum, defaultValue: 'BOTH', description: 'Outgoing, incoming or both.' }),
        ...temporalArgs('ties'),
      },
      resolve: async (o, args, ctx) => {
        const direction = args.direction ?? 'BOTH';
        const [outgoing, incoming] = await Promise.all([
          direction === 'INCOMING' ? [] : prefetched<OrganizationRelation[]>(o, 'outgoing') ?? ctx.loaders.outgoingRelationsLoader.load(o.id),
          direction === 'OUTGOING' ? [] : prefetched<OrganizationRelation[]>(o, 'incoming') ?? ctx.loaders.incomingRelationsLoader.load(o.id),
        ]);
        return matchInTime([...outgoing, ...incoming].filter((r) => !args.type || args.type.includes(r.type)), args);
      },
    }),
    allegiances: t.field({
      type: [RelationRef],
      description: 'Pledges of allegiance this organization made (ALLEGIANCE_TO edges from it).',
      resolve: (o, _, ctx) => fetchedListOr(o, 'outgoing', () => ctx.loaders.outgoingRelationsLoader.load(o.id), (edges: OrganizationRelation[]) => edges.filter((r) => r.type === 'ALLEGIANCE_TO')),
    }),
    leaders: t.field({
      type: [MembershipRef],
      description:
        'Its leaders, as memberships with person, role, title, start and end. Ask `current` or `asOf` for those in post then, ' +
        'each with its `certainty`; without them, dead and former leaders are listed too.',
      args: temporalArgs('leaders'),
      resolve: (o, args, ctx) => leaders(o, ctx, args),
    }),
    members: t.field({
      type: MembershipConnection,
      description: 'Everyone with a recorded role in it, leaders included, earliest start first.',
      args: {
        role: t.arg({ type: [MembershipRoleEnum], description: 'Only these roles.' }),
        ...temporalArgs('members'),
        ...t.arg.connectionArgs(),
      },
      resolve: async (o, args, ctx) => {
        const memberships = await membershipsInTime(o, ctx, args);
        return arrayConnection(args, memberships.filter((m) => !args.role || args.role.includes(m.role)));
      },
    }),
    areas: t.field({
      type: [AreaRef],
      description: 'Countries where it is based, active or expanding, and those it threatens.',
      args: { role: t.arg({ type: [AreaRoleEnum], description: 'Only these roles.' }), ...temporalArgs('areas') },
      resolve: (o, args, ctx) =>
        fetchedListOr(o, 'areas', () => ctx.loaders.areasByOrganizationLoader.load(o.id), (areas: OrganizationArea[]) =>
          matchInTime(areas.filter((a) => !args.role || args.role.includes(a.role)), args)),
    }),
    designations: t.field({
      type: [DesignationRef],
      description: 'Its listings by the UN, governments and other authorities, earliest first.',
      args: { authority: t.arg({ type: [DesignationAuthorityEnum], description: 'Only these authorities.' }) },
      resolve: (o, args, ctx) =>
        fetchedListOr(o, 'designations', () => ctx.loaders.designationsByOrganizationLoader.load(o.id), (designations: Designation[]) =>
          designations.filter((d) => !args.authority || args.authority.includes(d.authority))),
    }),
    estimates: t.field({
      type: [EstimateRef],
      description: 'Dated, sourced figures about it: fighters, revenue, share of violence. Conflicting estimates coexist.',
      args: { kind: t.arg({ type: [EstimateKindEnum], description: 'Only these kinds.' }) },
      resolve: async (o, args, ctx) =>
        (await ctx.loaders.estimatesByOrganizationLoader.load(o.id)).filter((e) => !args.kind || args.kind.includes(e.kind)),
    }),
    fundingStreams: t.field({
      type: [FundingStreamRef],
      description: 'How it is funded, main sources first.',
      resolve: (o, _, ctx) => ctx.loaders.fundingStreamsByOrganizationLoader.load(o.id),
    }),
    incidents: t.field({
      type: IncidentConnection,
      description: 'Incidents it carried out (claimed, blamed for or suspected of), or took another part in (`filter.role`); newest first, undated last.',
      args: { filter: t.arg({ type: OrganizationIncidentFilter, description: 'Conditions the incidents must meet.' }), ...t.arg.connectionArgs() },
      resolve: async (o, args, ctx) => {
        const from = dateArgument(args.filter?.from, 'filter.from');
        const to = dateArgument(args.filter?.to, 'filter.to');
        const perpetrations = await ctx.loaders.perpetrationsByOrganizationLoader.load(o.id);
        const incidents = perpetrations
          .filter((p) => (args.filter?.role ?? ['ACTED']).includes(p.role))
          .filter((p) => !args.filter?.attribution || args.filter.attribution.includes(p.attribution))
          .map((p) => p.incident)
          .filter((i) => !args.filter?.kind || args.filter.kind.includes(i.kind))
          .filter((i) => dateMeets(readDateColumns(i, 'date'), from, to, args.filter?.includeOpenDates ?? false));
        return arrayConnection(args, incidents);
      },
    }),
    timeline: t.field({
      type: [TimelineEventRef],
      description:
        `Founding, mergers, ties, designations, leadership changes and incidents as one chronological list: the first ${TIMELINE_DEFAULT} ` +
        `events unless \`first\` or \`last\` (at most ${TIMELINE_MAX}) says otherwise; narrow it with \`from\`, \`to\` and \`kinds\` ` +
        '(a group with thousands of incidents has a long history).',
      args: {
        includeUndated: t.arg.boolean({ defaultValue: true, description: 'Append events whose date is unknown, after the dated ones (never within a period).' }),
        from: t.arg.string({ description: 'Only events that may have happened on or after this date ("2018", "2018-06"); open dates excluded, as in the incident filter.' }),
        to: t.arg.string({ description: 'Only events that may have happened on or before this date.' }),
        kinds: t.arg({ type: [TimelineEventKindEnum], description: 'Only these kinds of event.' }),
        first: t.arg.int({ description: `The first this many events (default ${TIMELINE_DEFAULT}, at most ${TIMELINE_MAX}).` }),
        last: t.arg.int({ description: `The last this many events instead (at most ${TIMELINE_MAX}).` }),
      },
      resolve: (o, args, ctx) => organizationTimeline(o, ctx, { ...args, includeUndated: args.includeUndated ?? true }),
    }),
    externalIds: t.field({
      type: [ExternalIdentifierRef],
      description: 'Its identifiers in other datasets (UN list reference, ACLED actor, GTD group, Wikidata).',
      resolve: (o, _, ctx) => ctx.loaders.externalIdsByOrganizationLoader.load(o.id),
    }),
    assessments: t.field({
      type: [AssessmentRef],
      description: 'Analysts’ judgements about it that are not single facts (structure, strategy, cohesion).',
      args: { topic: t.arg.string({ description: 'Only this topic.' }) },
      resolve: async (o, args, ctx) =>
        (await ctx.loaders.assessmentsByOrganizationLoader.load(o.id)).filter((a) => !args.topic || a.topic === args.topic),
    }),
    citations: t.field(citationsField('organizationId')),
  }),
});

export const OrganizationConnection = connectionOf(OrganizationRef, 'Organization', 'organizations');

const OrganizationFilter = builder.inputType('OrganizationFilter', {
  description: 'Narrows a list of organizations; all given conditions must hold.',
  fields: (t) => ({
    kind: t.field({ type: [OrganizationKindEnum], description: 'Any of these kinds.' }),
    status: t.field({ type: [OrganizationStatusEnum], description: 'Any of these statuses.' }),
    country: t.string({ description: 'Has an area of operation in this country (ISO 3166-1 alpha-2, "ML").' }),
    areaRole: t.field({ type: [AreaRoleEnum], description: 'With `country`: the area has one of these roles; alone: any country.' }),
    designatedBy: t.field({ type: [DesignationAuthorityEnum], description: 'Listed by any of these authorities.' }),
    componentOf: t.string({ description: 'Is a direct component of the organization with this slug ("jnim").' }),
    nameContains: t.string({
      description:
        'Name or an alias contains this text, both normalised as search does (case, accents, apostrophes ’ \' ʿ, hyphens): ' +
        '"Jama\'at" finds "Jama’at". At most 200 characters once normalised.',
    }),
  }),
});

const OrganizationOrder = builder.enumType('OrganizationOrder', {
  description: 'Sort orders for organizations.',
  values: {
    NAME_ASC: { description: 'By name, A to Z.' },
    NAME_DESC: { description: 'By name, Z to A.' },
    FOUNDED_ASC: { description: 'Oldest first; unknown founding dates last.' },
    FOUNDED_DESC: { description: 'Newest first; unknown founding dates last.' },
  } as const,
});

const organizationOrders: Record<'NAME_ASC' | 'NAME_DESC' | 'FOUNDED_ASC' | 'FOUNDED_DESC', SortKey[]> = {
  NAME_ASC: [{ field: 'name', direction: 'asc' }],
  NAME_DESC: [{ field: 'name', direction: 'desc' }],
  FOUNDED_ASC: [{ field: 'foundedEarliest', direction: 'asc', nullable: true, kind: 'date' }],
  FOUNDED_DESC: [{ field: 'foundedEarliest', direction: 'desc', nullable: true, kind: 'date' }],
};

builder.queryFields((t) => ({
  organization: t.field({
    type: OrganizationRef,
    nullable: true,
    description: 'An organization by slug ("jnim"); null when there is none.',
    args: { slug: t.arg.string({ required: true, description: 'The organization’s slug.' }) },
    resolve: (_, { slug }, ctx, info) => rootBySlug(ctx, info, 'Organization', slug, () => ctx.loaders.organizationBySlugLoader.load(slug)),
  }),
  organizations: t.field({
    type: OrganizationConnection,
    description: 'Organizations, filtered and sorted, a page at a time.',
    args: {
      filter: t.arg({ type: OrganizationFilter, description: 'Conditions the organizations must meet.' }),
      orderBy: t.arg({ type: OrganizationOrder, defaultValue: 'NAME_ASC', description: 'Sort order.' }),
      ...t.arg.connectionArgs(),
    },
    resolve: (_, args, ctx, info) =>
      keysetConnection<Organization>(args, sqlKeysetQuery(ctx.sql, tables.Organization, organizationWhere(args.filter), organizationOrders[args.orderBy ?? 'NAME_ASC'], rootSelection(ctx, info, 'Organization'))),
  }),
}));
