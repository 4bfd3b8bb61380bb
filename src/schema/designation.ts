import type { Estimate } from '../generated/prisma/client.js';
import { EstimateKind } from '../generated/prisma/enums.js';
import { inferenceOf } from '../values/partial-date.js';
import { estimateWhere } from '../resolvers/estimates.js';
import { loadAll } from '../resolvers/loaders.js';
import { keysetConnection } from '../resolvers/pagination.js';
import { builder } from './builder.js';
import { connectionOf } from './connections.js';
import { partialDateField } from './dates.js';
import { DesignationAuthorityEnum, EstimateKindEnum, QuantityQualifierEnum } from './enums.js';
import { DesignationRef, EstimateRef, FundingStreamRef, IncidentRef, OrganizationRef, PersonRef } from './refs.js';
import { citationsField } from './source.js';

builder.node(DesignationRef, {
  description: 'A listing of an organization or person by an authority: UN 1267 list entry, US Foreign Terrorist Organization, ...',
  id: { resolve: (d) => d.id },
  loadMany: (ids, ctx) => loadAll(ctx.loaders.designationLoader, ids),
  fields: (t) => ({
    authority: t.expose('authority', { type: DesignationAuthorityEnum, description: 'Who listed it.' }),
    program: t.exposeString('program', { description: 'The list or legal basis: "ISIL (Da’esh) and Al-Qaida Sanctions List", "Foreign Terrorist Organization".' }),
    reference: t.exposeString('reference', { nullable: true, description: 'The authority’s own reference ("QDe.159", "QDi.316").' }),
    listed: t.field(partialDateField('listed', 'When it was listed.')),
    delisted: t.field(partialDateField('delisted', 'When it was removed from the list; null while listed.')),
    organization: t.field({
      type: OrganizationRef,
      nullable: true,
      description: 'The organization listed (or null when a person is).',
      resolve: (d, _, ctx) => (d.organizationId ? ctx.loaders.organizationLoader.load(d.organizationId) : null),
    }),
    person: t.field({
      type: PersonRef,
      nullable: true,
      description: 'The person listed (or null when an organization is).',
      resolve: (d, _, ctx) => (d.personId ? ctx.loaders.personLoader.load(d.personId) : null),
    }),
    citations: t.field(citationsField('designationId')),
  }),
});

builder.node(EstimateRef, {
  description: 'A dated, sourced figure with a range and a unit. Estimates from different sources coexist, even when they conflict.',
  id: { resolve: (e) => e.id },
  loadMany: (ids, ctx) => loadAll(ctx.loaders.estimateLoader, ids),
  fields: (t) => ({
    kind: t.expose('kind', { type: EstimateKindEnum, description: 'What is measured.' }),
    min: t.float({ nullable: true, description: 'Lower bound; null when the source gives none ("up to ...").', resolve: (e) => (e.min === null ? null : Number(e.min)) }),
    max: t.float({ nullable: true, description: 'Upper bound; null when the source gives none ("more than ...").', resolve: (e) => (e.max === null ? null : Number(e.max)) }),
    qualifier: t.expose('qualifier', {
      type: QuantityQualifierEnum,
      description: 'How `min` and `max` relate to the source’s words: "around 200" is APPROXIMATE, "more than 64 percent" MORE_THAN.',
    }),
    inferred: t.boolean({
      description: 'True when a bound is stated by no cited passage and was inferred from the surrounding text.',
      resolve: (e) => Boolean(inferenceOf(e, 'min') ?? inferenceOf(e, 'max')),
    }),
    inference: t.string({
      nullable: true,
      description: 'How an inferred bound was inferred.',
      resolve: (e) => [inferenceOf(e, 'min'), inferenceOf(e, 'max')].filter(Boolean).join('; ') || null,
    }),
    unit: t.exposeString('unit', { description: '"fighters", "persons", "percent", or an ISO 4217 currency code ("USD", "EUR").' }),
    scope: t.exposeString('scope', { nullable: true, description: 'What the figure covers, in the source’s terms.' }),
    country: t.exposeString('countryCode', { nullable: true, description: 'The country the figure is about, when it is about one.' }),
    asOf: t.field(partialDateField('asOf', 'When the figure held, as precisely as known.')),
    periodStart: t.field(partialDateField('periodStart', 'For a running total ("since July 2019"), when the counted period starts.')),
    organization: t.field({
      type: OrganizationRef,
      nullable: true,
      description: 'The organization it is about: JNIM for its fighters, the forces whose losses a FORCES_KILLED figure counts.',
      resolve: (e, _, ctx) => (e.organizationId ? ctx.loaders.organizationLoader.load(e.organizationId) : null),
    }),
    fundingStream: t.field({
      type: FundingStreamRef,
      nullable: true,
      description: 'The funding stream it measures.',
      resolve: (e, _, ctx) => (e.fundingStreamId ? ctx.loaders.fundingStreamLoader.load(e.fundingStreamId) : null),
    }),
    incident: t.field({
      type: IncidentRef,
      nullable: true,
      description: 'The incident it is about.',
      resolve: (e, _, ctx) => (e.incidentId ? ctx.loaders.incidentLoader.load(e.incidentId) : null),
    }),
    citations: t.field(citationsField('estimateId')),
  }),
});

export const EstimateConnection = connectionOf(EstimateRef, 'Estimate', 'estimates');

const EstimateFilter = builder.inputType('EstimateFilter', {
  description: 'Narrows a list of estimates; all given conditions must hold.',
  fields: (t) => ({
    kind: t.field({ type: [EstimateKindEnum], description: 'Any of these kinds.' }),
    country: t.string({ description: 'About this country (ISO 3166-1 alpha-2, "ML").' }),
    subject: t.string({
      description: 'About the organization with this slug: directly ("jnim" for its fighters) or through one of its funding streams.',
    }),
    from: t.string({
      description: 'Whose period (from `periodStart`, or `asOf`, to `asOf`) may reach this date or later; undated figures never match.',
    }),
    to: t.string({ description: 'Whose period may begin on or before this date.' }),
  }),
});

builder.queryFields((t) => ({
  estimates: t.field({
    type: EstimateConnection,
    description: 'Every figure in the graph (fighters, revenue, losses, ransoms, prisoners), filtered, by kind, a page at a time.',
    args: { filter: t.arg({ type: EstimateFilter, description: 'Conditions the estimates must meet.' }), ...t.arg.connectionArgs() },
    resolve: (_, args, ctx) => {
      const where = estimateWhere(args.filter);
      return keysetConnection<Estimate>(args, {
        keys: [{ field: 'kind', direction: 'asc', kind: 'enum', values: Object.values(EstimateKind) }],
        where,
        findMany: (q) => ctx.db.estimate.findMany(q as never),
        count: (w) => ctx.db.estimate.count({ where: w }),
      });
    },
  }),
}));
