import type { FundingStream, Prisma } from '../generated/prisma/client.js';
import { loadAll } from '../resolvers/loaders.js';
import { keysetConnection } from '../resolvers/pagination.js';
import { builder } from './builder.js';
import { connectionOf } from './connections.js';
import { FundingKindEnum, FundingSignificanceEnum } from './enums.js';
import { EstimateRef, FundingLinkRef, FundingStreamRef, IncidentRef, OrganizationRef } from './refs.js';
import { citationsField } from './source.js';

FundingLinkRef.implement({
  description: 'A funding stream seen in an incident: the ransom paid in a hostage release.',
  fields: (t) => ({
    fundingStream: t.field({
      type: FundingStreamRef,
      description: 'The funding stream.',
      resolve: async (l, _, ctx) => (await ctx.loaders.fundingStreamLoader.load(l.fundingStreamId))!,
    }),
    incident: t.field({
      type: IncidentRef,
      description: 'The incident.',
      resolve: async (l, _, ctx) => (await ctx.loaders.incidentLoader.load(l.incidentId))!,
    }),
    description: t.exposeString('description', { nullable: true, description: 'What the sources say of the link.' }),
    citations: t.field(citationsField('fundingIncidentId')),
  }),
});

builder.node(FundingStreamRef, {
  description: 'One way an organization is funded (extortion, ransoms, taxes, smuggling, mining), with amounts and incidents.',
  id: { resolve: (f) => f.id },
  loadMany: (ids, ctx) => loadAll(ctx.loaders.fundingStreamLoader, ids),
  fields: (t) => ({
    slug: t.exposeString('slug', { description: 'Stable key: "jnim-kidnapping-for-ransom".' }),
    organization: t.field({
      type: OrganizationRef,
      description: 'The organization funded.',
      resolve: async (f, _, ctx) => (await ctx.loaders.organizationLoader.load(f.organizationId))!,
    }),
    kind: t.expose('kind', { type: FundingKindEnum, description: 'How the money comes in.' }),
    significance: t.expose('significance', { type: FundingSignificanceEnum, description: 'How much it weighs in the whole.' }),
    description: t.exposeString('description', { description: 'What the sources say of it.' }),
    estimates: t.field({
      type: [EstimateRef],
      description: 'Amounts, each dated and sourced.',
      resolve: (f, _, ctx) => ctx.loaders.estimatesByFundingStreamLoader.load(f.id),
    }),
    incidents: t.field({
      type: [FundingLinkRef],
      description: 'Incidents in which this stream was seen, with what the sources say.',
      resolve: (f, _, ctx) => ctx.loaders.fundingLinksByStreamLoader.load(f.id),
    }),
    citations: t.field(citationsField('fundingStreamId')),
  }),
});

export const FundingStreamConnection = connectionOf(FundingStreamRef, 'FundingStream', 'funding streams');

const FundingStreamFilter = builder.inputType('FundingStreamFilter', {
  description: 'Narrows a list of funding streams; all given conditions must hold.',
  fields: (t) => ({
    organization: t.string({ description: 'Of the organization with this slug.' }),
    kind: t.field({ type: [FundingKindEnum], description: 'Any of these kinds.' }),
    significance: t.field({ type: [FundingSignificanceEnum], description: 'Any of these weights.' }),
  }),
});

builder.queryFields((t) => ({
  fundingStreams: t.field({
    type: FundingStreamConnection,
    description: 'Funding streams, by slug, a page at a time.',
    args: { filter: t.arg({ type: FundingStreamFilter, description: 'Conditions the streams must meet.' }), ...t.arg.connectionArgs() },
    resolve: (_, args, ctx) => {
      const f = args.filter;
      const where: Prisma.FundingStreamWhereInput = {
        AND: [
          f?.organization ? { organization: { slug: f.organization } } : {},
          f?.kind ? { kind: { in: f.kind } } : {},
          f?.significance ? { significance: { in: f.significance } } : {},
        ],
      };
      return keysetConnection<FundingStream>(args, {
        keys: [{ field: 'slug', direction: 'asc' }],
        where,
        findMany: (q) => ctx.db.fundingStream.findMany(q as never),
        count: (w) => ctx.db.fundingStream.count({ where: w }),
      });
    },
  }),
}));
