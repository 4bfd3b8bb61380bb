import type { Incident, IncidentPerpetrator } from '../generated/prisma/client.js';
import type { TargetKind } from '../generated/prisma/enums.js';
import { badUserInput } from '../errors.js';
import { rollupAnswers, rollupCount } from '../resolvers/incident-rollup.js';
import { incidentOrders, incidentWhere } from '../resolvers/incidents.js';
import { loadAll } from '../resolvers/loaders.js';
import { keysetConnection, sqlKeysetQuery } from '../resolvers/pagination.js';
import { fetchedOr, prefetched, prefetchOne, rootSelection } from '../resolvers/prefetch.js';
import type { OrganizationRow } from '../resolvers/lean-rows.js';
import * as tables from '../resolvers/tables.js';
import { decodeGlobalID } from '@pothos/plugin-relay';
import { builder } from './builder.js';
import { inferenceOf } from '../values/partial-date.js';
import { connectionOf } from './connections.js';
import { CountRangeRef, countRange, partialDateField } from './dates.js';
import { AttributionEnum, IncidentKindEnum, IncidentRoleEnum, ParticipantRoleEnum, TargetKindEnum } from './enums.js';
import {
  EstimateRef, FundingLinkRef, FundingStreamRef, IncidentRef, OrganizationRef, ParticipantRef, PartyRef, PerpetratorRef, PersonRef,
} from './refs.js';
import { citationsField, SourceRef } from './source.js';

/** The rules that derived a perpetrator link's role and attribution, or null when its source states them. */
function derivedOf(link: object): string | null {
  return [inferenceOf(link, 'role'), inferenceOf(link, 'attribution')].filter(Boolean).join(' ') || null;
}

PerpetratorRef.implement({
  description: 'An organization that carried out an incident (its part ACTED), and how firmly it is tied: claimed, attributed or suspected.',
  fields: () => ({}),
});

PartyRef.implement({
  description:
    'An organization’s part in an incident, whatever it was: acted, acted on, a side of a clash, or named without a stated part; and how firmly it is tied.',
  fields: (t) => ({
    role: t.expose('role', { type: IncidentRoleEnum, description: 'Its part, as the source defines the actors’ roles (`inferred` when a rule derived it).' }),
    side: t.exposeInt('side', {
      nullable: true,
      description: 'Which of two sides it was on (1 or 2), when the source pairs the actors: a clash’s sides, or an act’s actor (1) and what it struck (2).',
    }),
  }),
});

// The fields every organization-incident link shows, perpetrator or party.
for (const ref of [PerpetratorRef, PartyRef]) builder.objectFields(ref, (t) => ({
  organization: t.field({
    type: OrganizationRef,
    description: 'The organization.',
    resolve: (p, _, ctx) => fetchedOr<OrganizationRow>(p, 'organization', () => ctx.loaders.organizationLoader.load(p.organizationId)),
  }),
  incident: t.field({
    type: IncidentRef,
    description: 'The incident.',
    resolve: async (p, _, ctx) => (await ctx.loaders.incidentLoader.load(p.incidentId))!,
  }),
  attribution: t.expose('attribution', { type: AttributionEnum, description: 'Claimed, attributed or suspected.' }),
  inferred: t.boolean({
    description: 'True when its source names the organization in the incident without stating its part, or how firmly it is tied, and a rule derived it: `inference` gives the rule.',
    resolve: (p) => derivedOf(p) !== null,
  }),
  inference: t.string({ nullable: true, description: 'How the role or the attribution was derived, when `inferred`.', resolve: (p) => derivedOf(p) }),
  citations: t.field(citationsField('perpetratorId')),
}));

ParticipantRef.implement({
  description: 'A person’s part in an incident: leader, target, victim, hostage, announcer.',
  fields: (t) => ({
    person: t.field({
      type: PersonRef,
      description: 'The person.',
      resolve: async (p, _, ctx) => (await ctx.loaders.personLoader.load(p.personId))!,
    }),
    incident: t.field({
      type: IncidentRef,
      description: 'The incident.',
      resolve: async (p, _, ctx) => (await ctx.loaders.incidentLoader.load(p.incidentId))!,
    }),
    role: t.expose('role', { type: ParticipantRoleEnum, description: 'The part played.' }),
    description: t.exposeString('description', { nullable: true, description: 'What happened to or was done by the person.' }),
    citations: t.field(citationsField('participantId')),
  }),
});

const CoordinatesRef = builder.objectRef<{ latitude: number; longitude: number }>('Coordinates').implement({
  description: 'A point in WGS 84.',
  fields: (t) => ({
    latitude: t.exposeFloat('latitude', { description: 'Degrees north (negative: south).' }),
    longitude: t.exposeFloat('longitude', { description: 'Degrees east (negative: west).' }),
  }),
});

builder.node(IncidentRef, {
  description: 'An attack, kidnapping, release, killing or operation: when, where, what, who, how many, and who says so.',
  id: { resolve: (i) => i.id },
  loadMany: (ids, ctx) => loadAll(ctx.loaders.incidentLoader, ids),
  fields: (t) => ({
    slug: t.exposeString('slug', { description: 'Stable key: date and place, "2018-03-02-ouagadougou-attacks".' }),
    title: t.exposeString('title', { description: 'A short title.' }),
    date: t.field(partialDateField('date', 'When it happened, as precisely as known; a range when uncertain.')),
    place: t.exposeString('place', { nullable: true, description: 'Place name as the source gives it.' }),
    adminRegion: t.exposeString('adminRegion', { nullable: true, description: 'Administrative region.' }),
    country: t.exposeString('countryCode', { nullable: true, description: 'ISO 3166-1 alpha-2 country code.' }),
    coordinates: t.field({
      type: CoordinatesRef,
      nullable: true,
      description: 'Where, when known.',
      resolve: (i) => (i.latitude !== null && i.longitude !== null ? { latitude: i.latitude, longitude: i.longitude } : null),
    }),
    kind: t.expose('kind', { type: IncidentKindEnum, description: 'What happened.' }),
    summary: t.exposeString('summary', { nullable: true, description: 'What the sources report, in short.' }),
    revisedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When the dataset last revised the event, as it states (ACLED’s timestamp); a newer export updates the incident only from a later revision.',
      resolve: (i) => i.revisedAt,
    }),
    killed: t.field({
      type: CountRangeRef,
      nullable: true,
      description: 'People killed, as the source counts them; null when unknown (none reported is { min: 0, max: 0 }).',
      resolve: (i) => countRange(i, 'killed'),
    }),
    injured: t.field({
      type: CountRangeRef,
      nullable: true,
      description: 'People injured; null when unknown.',
      resolve: (i) => countRange(i, 'injured'),
    }),
    targets: t.field({ type: [TargetKindEnum], description: 'Who or what was targeted (`targetInference` says when a rule derived them).', resolve: (i) => i.targets as TargetKind[] }),
    targetInference: t.string({
      nullable: true,
      description: 'The rule that derived `targets` from the parties acted on, when the source names actors rather than targets (ACLED); null when it states them.',
      resolve: (i) => inferenceOf(i, 'targets'),
    }),
    perpetrators: t.field({
      type: [PerpetratorRef],
      description: 'Organizations that carried it out (their part ACTED): claimed, blamed or suspected. `parties` lists the others.',
      resolve: (i, _, ctx) => prefetched<IncidentPerpetrator[]>(i, 'perpetrators') ?? ctx.loaders.perpetratorsByIncidentLoader.load(i.id),
    }),
    parties: t.field({
      type: [PartyRef],
      description: 'Every organization named in it, with its part: those that acted, those acted on, the sides of a clash, parties whose part is not stated.',
      args: { role: t.arg({ type: [IncidentRoleEnum], description: 'Only these parts.' }) },
      resolve: async (i, args, ctx) => {
        const parties = await ctx.loaders.partiesByIncidentLoader.load(i.id);
        return args.role ? parties.filter((p) => args.role!.includes(p.role)) : parties;
      },
    }),
    participants: t.field({
      type: [ParticipantRef],
      description: 'Named persons involved, with their part.',
      resolve: (i, _, ctx) => ctx.loaders.participantsByIncidentLoader.load(i.id),
    }),
    fundingStreams: t.field({
      type: [FundingStreamRef],
      description: 'Funding streams seen in this incident (a ransom paid in a hostage release).',
      resolve: async (i, _, ctx) => {
        const links = await ctx.loaders.fundingLinksByIncidentLoader.load(i.id);
        return (await loadAll(ctx.loaders.fundingStreamLoader, links.map((l) => l.fundingStreamId))).filter((f) => f !== null);
      },
    }),
    fundingLinks: t.field({
      type: [FundingLinkRef],
      description: 'The same links with what the source says of each, and citations.',
      resolve: (i, _, ctx) => ctx.loaders.fundingLinksByIncidentLoader.load(i.id),
    }),
    estimates: t.field({
      type: [EstimateRef],
      description: 'Figures about it: prisoners released, ransom.',
      resolve: (i, _, ctx) => ctx.loaders.estimatesByIncidentLoader.load(i.id),
    }),
    sources: t.field({
      type: [SourceRef],
      description: 'The distinct sources cited for this incident.',
      resolve: async (i, _, ctx) => {
        const citations = await ctx.loaders.citationsLoader('incidentId').load(i.id);
        const ids = [...new Set(citations.map((c) => c.sourceId))];
        return (await loadAll(ctx.loaders.sourceLoader, ids)).filter((s) => s !== null);
      },
    }),
    citations: t.field(citationsField('incidentId')),
  }),
});

export const IncidentConnection = connectionOf(IncidentRef, 'Incident', 'incidents');

export const IncidentFilterInput = builder.inputType('IncidentFilter', {
  description: 'Narrows a list of incidents; all given conditions must hold.',
  fields: (t) => ({
    from: t.string({ description: 'May have happened on or after this date ("2018", "2018-06", "2018-06-15"); undated incidents never match.' }),
    to: t.string({ description: 'May have happened on or before this date.' }),
    includeOpenDates: t.boolean({
      defaultValue: false,
      description:
        'A date open on one side ("on or before 2020-11-13") matches `from`/`to` only when the period holds all of it; ' +
        'true also matches those whose open side may reach into the period.',
    }),
    country: t.string({ description: 'ISO 3166-1 alpha-2 country code ("ML").' }),
    perpetrator: t.string({ description: 'Carried out by the organization with this slug ("jnim"): its part is ACTED.' }),
    attribution: t.field({ type: [AttributionEnum], description: 'Carried out by an organization (the `perpetrator`, when given) tied this way.' }),
    party: t.string({ description: 'The organization with this slug took part, in one of the `role` parts (any part when `role` is not given).' }),
    role: t.field({
      type: [IncidentRoleEnum],
      description: 'An organization (the `party`, when given) took one of these parts: [ACTED_ON] is what was done to it, [SIDE] the clashes it fought.',
    }),
    kind: t.field({ type: [IncidentKindEnum], description: 'Any of these kinds.' }),
    target: t.field({ type: [TargetKindEnum], description: 'Targeted any of these.' }),
    minKilled: t.int({ description: 'At least this many killed, by the lower bound of the count.' }),
    source: t.string({ description: 'Cited from the source with this slug: what one import brought ("acled-...").' }),
  }),
});

const IncidentOrderEnum = builder.enumType('IncidentOrder', {
  description: 'Sort orders for incidents.',
  values: {
    DATE_DESC: { description: 'Newest first; undated last.' },
    DATE_ASC: { description: 'Oldest first; undated last.' },
    KILLED_DESC: { description: 'Deadliest first (by the lower bound); unknown counts last.' },
  } as const,
});

builder.queryFields((t) => ({
  incident: t.field({
    type: IncidentRef,
    nullable: true,
    description: 'An incident by global ID or slug (give exactly one); null when there is none.',
    args: {
      id: t.arg.id({ description: 'The incident’s global ID.' }),
      slug: t.arg.string({ description: 'The incident’s slug.' }),
    },
    resolve: async (_, args, ctx, info) => {
      if ((args.id == null) === (args.slug == null)) throw badUserInput('Give exactly one of "id" and "slug".', 'id');
      if (args.slug != null) return prefetchOne(ctx, info, 'Incident', await ctx.loaders.incidentBySlugLoader.load(args.slug));
      let decoded: { typename: string; id: string };
      try {
        decoded = decodeGlobalID(String(args.id));
      } catch {
        throw badUserInput('"id" is not a global ID.', 'id');
      }
      return decoded.typename === 'Incident' ? prefetchOne(ctx, info, 'Incident', await ctx.loaders.incidentLoader.load(decoded.id)) : null;
    },
  }),
  incidents: t.field({
    type: IncidentConnection,
    description: 'Incidents, filtered and sorted, a page at a time.',
    args: {
      filter: t.arg({ type: IncidentFilterInput, description: 'Conditions the incidents must meet.' }),
      orderBy: t.arg({ type: IncidentOrderEnum, defaultValue: 'DATE_DESC', description: 'Sort order.' }),
      ...t.arg.connectionArgs(),
    },
    resolve: (_, args, ctx, info) => {
      const query = sqlKeysetQuery<Incident>(ctx.sql, tables.Incident, incidentWhere(args.filter), incidentOrders[args.orderBy ?? 'DATE_DESC'], rootSelection(ctx, info, 'Incident'));
      // A period of whole years, countries and kinds is counted from the rollup's rows, not the incidents'.
      if (rollupAnswers(args.filter)) query.count = () => rollupCount(ctx.sql, args.filter);
      return keysetConnection<Incident>(args, query);
    },
  }),
}));
