import type { MergeCandidate } from '../generated/prisma/client.js';
import { keysetConnection } from '../resolvers/pagination.js';
import { builder } from './builder.js';
import { connectionOf } from './connections.js';
import { EntityUnion, loadEntity } from './entity.js';
import { SourceRef } from './source.js';

export const MergeCandidateRef = builder.objectRef<MergeCandidate>('MergeCandidate').implement({
  description:
    'A record an import created although the graph may already hold it: the name matched an entity, but not confidently ' +
    '(a weak name, a score under the confidence bar). Review the pair; nothing is merged automatically.',
  fields: (t) => ({
    record: t.field({
      type: EntityUnion,
      description: 'The record the import created.',
      resolve: (m, _, ctx) => loadEntity(ctx, m.recordOrganizationId, m.recordPersonId),
    }),
    candidate: t.field({
      type: EntityUnion,
      description: 'The entity already held that it may be.',
      resolve: (m, _, ctx) => loadEntity(ctx, m.candidateOrganizationId, m.candidatePersonId),
    }),
    score: t.exposeFloat('score', { description: 'Name resolution score, 0 to 1 (confident links need 0.85 and a clear lead).' }),
    explanation: t.exposeString('explanation', { description: 'Why the names were found alike.' }),
    source: t.field({
      type: SourceRef,
      description: 'The import that found the pair.',
      resolve: async (m, _, ctx) => (await ctx.loaders.sourceLoader.load(m.sourceId))!,
    }),
  }),
});

const MergeCandidateConnection = connectionOf(MergeCandidateRef, 'MergeCandidate', 'merge candidates');

builder.queryFields((t) => ({
  mergeCandidates: t.field({
    type: MergeCandidateConnection,
    description: 'Pairs an import left for review, highest score first.',
    args: {
      minScore: t.arg.float({ description: 'Only pairs scoring at least this (0 to 1).' }),
      ...t.arg.connectionArgs(),
    },
    resolve: (_, args, ctx) => {
      const where = args.minScore == null ? {} : { score: { gte: args.minScore } };
      return keysetConnection<MergeCandidate>(args, {
        keys: [{ field: 'score', direction: 'desc', kind: 'number' }],
        where,
        findMany: (q) => ctx.db.mergeCandidate.findMany(q as never),
        count: (w) => ctx.db.mergeCandidate.count({ where: w }),
      });
    },
  }),
}));
