import type { Alias, Designation, Membership, Person } from '../generated/prisma/client.js';
import { personWhere } from '../resolvers/persons.js';
import { textOf } from '../resolvers/lean-rows.js';
import { fetchedListOr, fetchedOr, prefetched, rootBySlug, rootSelection } from '../resolvers/prefetch.js';
import type { OrganizationRow, PersonRow } from '../resolvers/lean-rows.js';
import { loadAll } from '../resolvers/loaders.js';
import { keysetConnection, sqlKeysetQuery, type SortKey } from '../resolvers/pagination.js';
import * as tables from '../resolvers/tables.js';
import { aliasArgs, filterAliases } from './alias.js';
import { builder } from './builder.js';
import { connectionOf } from './connections.js';
import { partialDateField } from './dates.js';
import { DesignationAuthorityEnum, MembershipRoleEnum, PersonStatusEnum } from './enums.js';
import {
  AliasRef, AssessmentRef, DesignationRef, ExternalIdentifierRef, MembershipRef, OrganizationRef, ParticipantRef, PersonRef,
} from './refs.js';
import { citationsField } from './source.js';
import { certaintyField, temporalArgs } from './temporal.js';
import { matchInTime } from '../resolvers/temporal.js';
import { readDateColumns } from '../values/partial-date.js';

MembershipRef.implement({
  description: 'A person’s role in an organization over a period: leader, commander, lieutenant, founder, member.',
  fields: (t) => ({
    person: t.field({
      type: PersonRef,
      description: 'Who.',
      resolve: (m, _, ctx) => fetchedOr<PersonRow>(m, 'person', () => ctx.loaders.personLoader.load(m.personId)),
    }),
    organization: t.field({
      type: OrganizationRef,
      description: 'In which organization.',
      resolve: (m, _, ctx) => fetchedOr<OrganizationRow>(m, 'organization', () => ctx.loaders.organizationLoader.load(m.organizationId)),
    }),
    role: t.expose('role', { type: MembershipRoleEnum, description: 'The role.' }),
    title: t.exposeString('title', { nullable: true, description: 'The title as the source gives it ("military commander").' }),
    start: t.field(partialDateField('start', 'When the role began, as precisely as known.')),
    end: t.field(partialDateField('end', 'When it ended; null while held or when unknown.')),
    certainty: t.field(certaintyField('role')),
    citations: t.field(citationsField('membershipId')),
  }),
});

export const MembershipConnection = connectionOf(MembershipRef, 'Membership', 'memberships');

builder.node(PersonRef, {
  description: 'A person: leader, commander, member, hostage, official; with names, roles, listings and incidents.',
  id: { resolve: (p) => p.id },
  loadMany: (ids, ctx) => loadAll(ctx.loaders.personLoader, ids),
  fields: (t) => ({
    slug: t.exposeString('slug', { description: 'Short, stable, lowercase key from the name: "iyad-ag-ghali".' }),
    name: t.exposeString('name', { description: 'Canonical name.' }),
    aliases: t.field({
      type: [AliasRef],
      description: 'Other names and spellings, noms de guerre, the name in its original script.',
      args: aliasArgs,
      resolve: (p, args, ctx) => fetchedListOr(p, 'aliases', () => ctx.loaders.aliasesByPersonLoader.load(p.id), (aliases: Alias[]) => filterAliases(aliases, args)),
    }),
    status: t.expose('status', { type: PersonStatusEnum, description: 'Alive, deceased, detained or unknown.' }),
    born: t.field(partialDateField('born', 'Date of birth, as precisely as known, when the sources state one; see `datesOfBirth` for all.')),
    died: t.field(partialDateField('died', 'Date of death, when known.')),
    nationality: t.exposeString('nationality', {
      nullable: true,
      description: 'ISO 3166-1 alpha-2 country code, when the sources state one nationality; see `nationalities` for all.',
    }),
    biography: t.string({ nullable: true, description: 'A short biography.', resolve: (p, _, ctx) => textOf(p, 'biography', ctx.loaders.personTextLoader) }),
    memberships: t.field({
      type: [MembershipRef],
      description: 'Roles in organizations, earliest first.',
      args: { role: t.arg({ type: [MembershipRoleEnum], description: 'Only these roles.' }), ...temporalArgs('roles') },
      resolve: async (p, args, ctx) => {
        const life = { died: readDateColumns(p, 'died'), deceased: p.status === 'DECEASED' };
        const memberships = (prefetched<Membership[]>(p, 'memberships') ?? await ctx.loaders.membershipsByPersonLoader.load(p.id)).filter((m) => !args.role || args.role.includes(m.role));
        return matchInTime(memberships, args, () => life);
      },
    }),
    designations: t.field({
      type: [DesignationRef],
      description: 'Listings of this person by the UN, governments and other authorities.',
      resolve: (p, _, ctx) => fetchedOr<Designation[]>(p, 'designations', () => ctx.loaders.designationsByPersonLoader.load(p.id)),
    }),
    incidents: t.field({
      type: [ParticipantRef],
      description: 'Incidents this person took part in, with the part played (leader, target, hostage, announcer).',
      resolve: (p, _, ctx) => ctx.loaders.participationsByPersonLoader.load(p.id),
    }),
    externalIds: t.field({
      type: [ExternalIdentifierRef],
      description: 'Identifiers in other datasets (UN list reference, Wikidata).',
      resolve: (p, _, ctx) => ctx.loaders.externalIdsByPersonLoader.load(p.id),
    }),
    assessments: t.field({
      type: [AssessmentRef],
      description: 'Analysts’ judgements about this person.',
      resolve: (p, _, ctx) => ctx.loaders.assessmentsByPersonLoader.load(p.id),
    }),
    citations: t.field(citationsField('personId')),
  }),
});

export const PersonConnection = connectionOf(PersonRef, 'Person', 'persons');

const PersonFilter = builder.inputType('PersonFilter', {
  description: 'Narrows a list of persons; all given conditions must hold.',
  fields: (t) => ({
    status: t.field({ type: [PersonStatusEnum], description: 'Any of these statuses.' }),
    organization: t.string({ description: 'Has a membership in the organization with this slug.' }),
    role: t.field({ type: [MembershipRoleEnum], description: 'Has a membership with one of these roles (in `organization`, when given).' }),
    nationality: t.string({ description: 'ISO 3166-1 alpha-2: `nationality` or one of `nationalities` is this country.' }),
    designatedBy: t.field({ type: [DesignationAuthorityEnum], description: 'Listed by any of these authorities.' }),
    nameContains: t.string({ description: 'Name or an alias contains this text (case-insensitive).' }),
  }),
});

const PersonOrder = builder.enumType('PersonOrder', {
  description: 'Sort orders for persons.',
  values: {
    NAME_ASC: { description: 'By name, A to Z.' },
    NAME_DESC: { description: 'By name, Z to A.' },
    BORN_ASC: { description: 'Oldest first; unknown birth dates last.' },
  } as const,
});

const personOrders: Record<'NAME_ASC' | 'NAME_DESC' | 'BORN_ASC', SortKey[]> = {
  NAME_ASC: [{ field: 'name', direction: 'asc' }],
  NAME_DESC: [{ field: 'name', direction: 'desc' }],
  BORN_ASC: [{ field: 'bornEarliest', direction: 'asc', nullable: true, kind: 'date' }],
};

builder.queryFields((t) => ({
  person: t.field({
    type: PersonRef,
    nullable: true,
    description: 'A person by slug ("iyad-ag-ghali"); null when there is none.',
    args: { slug: t.arg.string({ required: true, description: 'The person’s slug.' }) },
    resolve: (_, { slug }, ctx, info) => rootBySlug(ctx, info, 'Person', slug, () => ctx.loaders.personBySlugLoader.load(slug)),
  }),
  persons: t.field({
    type: PersonConnection,
    description: 'Persons, filtered and sorted, a page at a time.',
    args: {
      filter: t.arg({ type: PersonFilter, description: 'Conditions the persons must meet.' }),
      orderBy: t.arg({ type: PersonOrder, defaultValue: 'NAME_ASC', description: 'Sort order.' }),
      ...t.arg.connectionArgs(),
    },
    resolve: (_, args, ctx, info) =>
      keysetConnection<Person>(args, sqlKeysetQuery(ctx.sql, tables.Person, personWhere(args.filter), personOrders[args.orderBy ?? 'NAME_ASC'], rootSelection(ctx, info, 'Person'))),
  }),
}));
