import type { Citation, Source } from '../generated/prisma/client.js';
import type { Context } from '../context.js';
import { loadAll, type CitationSubject } from '../resolvers/loaders.js';
import { keysetConnection } from '../resolvers/pagination.js';
import { fetchedOr, prefetched } from '../resolvers/prefetch.js';
import { builder } from './builder.js';
import { connectionOf } from './connections.js';
import { partialDateField } from './dates.js';
import { SourceKindEnum } from './enums.js';

export const SourceRef = builder.objectRef<Source>('Source');
export const CitationRef = builder.objectRef<Citation>('Citation');

builder.node(SourceRef, {
  description: 'A document facts come from: a UN list, a government statement, a research dataset, a news report.',
  id: { resolve: (s) => s.id },
  loadMany: (ids, ctx) => loadAll(ctx.loaders.sourceLoader, ids),
  fields: (t) => ({
    slug: t.exposeString('slug', { description: 'Stable short key of the source.' }),
    title: t.exposeString('title', { description: 'Title of the document.' }),
    publisher: t.exposeString('publisher', { nullable: true, description: 'Who published it.' }),
    url: t.exposeString('url', { nullable: true, description: 'Where it can be read, when known.' }),
    kind: t.expose('kind', { type: SourceKindEnum, description: 'What kind of publisher it comes from.' }),
    published: t.field(partialDateField('published', 'When it was published, as precisely as known.')),
    description: t.exposeString('description', { nullable: true, description: 'What the document is and covers.' }),
    format: t.exposeString('format', { nullable: true, description: 'For an imported file, the importer that read it ("un-sc").' }),
    sha256: t.exposeString('sha256', { nullable: true, description: 'For an imported file, the SHA-256 of its bytes: the same file is never imported twice.' }),
    importedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'For an imported file, when it was imported.',
      resolve: (s) => s.importedAt,
    }),
    citationCount: t.int({
      description: 'How many facts cite this source: what an import brought.',
      resolve: (s, _, ctx) => ctx.loaders.citationCountBySourceLoader.load(s.id),
    }),
  }),
});

CitationRef.implement({
  description: 'The link between one fact and a source that states it, with the passage quoted.',
  fields: (t) => ({
    source: t.field({
      type: SourceRef,
      description: 'The document cited.',
      // Every citation has a source (foreign key with ON DELETE RESTRICT).
      resolve: (c, _, ctx) => fetchedOr<Source>(c, 'source', () => ctx.loaders.sourceLoader.load(c.sourceId)),
    }),
    quote: t.exposeString('quote', { description: 'The passage of the source that states the fact, verbatim.' }),
    locator: t.exposeString('locator', { nullable: true, description: 'Where in the source: page, paragraph, list entry and element.' }),
    attributedTo: t.exposeString('attributedTo', {
      nullable: true,
      description: 'Who the source says made the statement ("UN Monitoring Team", "French Defence Minister Florence Parly", "experts").',
    }),
  }),
});

/** Options for the `citations` field of a record whose citations point at it through `subject`. */
export function citationsField(subject: CitationSubject) {
  return {
    type: [CitationRef] as [typeof CitationRef],
    description: 'The sources that state this fact, with the passages quoted.',
    resolve: (row: { id: string }, _args: object, ctx: Context) => prefetched<Citation[]>(row, 'citations') ?? ctx.loaders.citationsLoader(subject).load(row.id),
  };
}

export const SourceConnection = connectionOf(SourceRef, 'Source', 'sources');

const SourceFilter = builder.inputType('SourceFilter', {
  description: 'Narrows a list of sources; all given conditions must hold.',
  fields: (t) => ({
    kind: t.field({ type: [SourceKindEnum], description: 'Any of these kinds.' }),
  }),
});

builder.queryFields((t) => ({
  source: t.field({
    type: SourceRef,
    nullable: true,
    description: 'A source by its slug; null when there is none.',
    args: { slug: t.arg.string({ required: true, description: 'The source’s slug.' }) },
    resolve: (_, { slug }, ctx) => ctx.db.source.findUnique({ where: { slug } }),
  }),
  sources: t.field({
    type: SourceConnection,
    description: 'All sources, by title.',
    args: { filter: t.arg({ type: SourceFilter, description: 'Conditions the sources must meet.' }), ...t.arg.connectionArgs() },
    resolve: (_, args, ctx) =>
      keysetConnection(args, {
        keys: [{ field: 'title', direction: 'asc' }],
        where: args.filter?.kind ? { kind: { in: args.filter.kind } } : {},
        findMany: (q) => ctx.db.source.findMany(q as never),
        count: (where) => ctx.db.source.count({ where }),
      }),
  }),
}));
