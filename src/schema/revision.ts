// Revisions: every change to the graph, who made it and why. A node's `history`, the `changes` feed (a
// durable cursor: a client that applies the feed from the start holds what a fresh query returns), and
// the `revision` an update must name.
import DataLoader from 'dataloader';
import type { ObjectRef } from '@pothos/core';
import { encodeGlobalID } from '@pothos/plugin-relay';
import type { Context } from '../context.js';
import { latestRevisions, readChanges, readHistory, readRetracted, readRevisions, statesKnownAt, TooManyRecords, type RecordState, type RevisionRow } from '../history/revisions.js';
import { badUserInput } from '../errors.js';
import { checkPageSize } from '../resolvers/pagination.js';
import { builder } from './builder.js';
import { IncidentRef, OrganizationRef, PersonRef } from './refs.js';
import { SourceRef } from './source.js';

export const RevisionRef = builder.objectRef<RevisionRow>('Revision');

const RevisionOperation = builder.enumType('RevisionOperation', {
  description: 'What happened to the record.',
  values: { INSERT: { description: 'It was created.' }, UPDATE: { description: 'Its values changed.' }, DELETE: { description: 'It was removed (its last values are in `before`).' } },
});

const loadersOf = new WeakMap<object, { revision: DataLoader<number, RevisionRow | null>; latest: DataLoader<string, number> }>();
/** Per-request loaders: revisions by sequence (a published change carries no values), latest revision by record. */
function loaders(ctx: Context) {
  let found = loadersOf.get(ctx);
  if (!found) {
    found = {
      revision: new DataLoader((sequences) => readRevisions(ctx.sql, sequences)),
      latest: new DataLoader((ids) => latestRevisions(ctx.sql, ids)),
    };
    loadersOf.set(ctx, found);
  }
  return found;
}

const valuesOf = async (row: RevisionRow, key: 'before' | 'after', ctx: Context) =>
  row[key] !== undefined ? row[key] : ((await loaders(ctx).revision.load(row.sequence))?.[key] ?? null);

builder.node(RevisionRef, {
  description: 'One change to one record: who, when, what it was before and after, and why.',
  id: { resolve: (r) => String(r.sequence) },
  loadMany: (ids, ctx) => readRevisions(ctx.sql, ids.map((id) => (/^\d{1,15}$/.test(id) ? Number(id) : -1))),
  fields: (t) => ({
    sequence: t.field({ type: 'SafeInt', description: 'Its place in the history of the whole graph: increasing, in commit order.', resolve: (r) => r.sequence }),
    at: t.field({ type: 'DateTime', description: 'When it was written.', resolve: (r) => r.at }),
    actor: t.exposeString('actor', { description: 'Who wrote it: "key <name>" (an API key), "import <source slug>", "seed", "synthetic", or "database" (SQL typed by hand).' }),
    actorRole: t.exposeString('actorRole', { nullable: true, description: 'The API key\'s role, for a key.' }),
    action: t.exposeString('action', { nullable: true, description: 'What the writer did: the mutation ("createOrganization"), "import", "seed".' }),
    operation: t.field({ type: RevisionOperation, description: 'Created, changed or removed.', resolve: (r) => r.operation as 'INSERT' | 'UPDATE' | 'DELETE' }),
    recordType: t.exposeString('recordType', { description: 'The kind of record: "Organization", "Alias", "Citation", ...' }),
    recordId: t.id({
      description: 'The record\'s global ID (for `node(id:)` when its type is a node).',
      resolve: (r) => encodeGlobalID(r.recordType, r.recordId),
    }),
    reason: t.exposeString('reason', { nullable: true, description: 'Why, as the writer said.' }),
    before: t.field({ type: 'JSONObject', nullable: true, description: 'The record\'s columns before (null when it was created).', resolve: (r, _, ctx) => valuesOf(r, 'before', ctx) }),
    after: t.field({ type: 'JSONObject', nullable: true, description: 'The record\'s columns after (null when it was removed).', resolve: (r, _, ctx) => valuesOf(r, 'after', ctx) }),
  }),
});

const RecordStateRef = builder.objectRef<RecordState>('RecordState').implement({
  description: 'A record as the graph held it at an instant: the values its last revision by then left.',
  fields: (t) => ({
    recordType: t.exposeString('recordType', { description: 'The kind of record: "Organization", "Alias", "Citation", ...' }),
    recordId: t.id({ description: 'The record\'s global ID.', resolve: (r) => encodeGlobalID(r.recordType, r.recordId) }),
    revision: t.field({ type: 'SafeInt', description: 'The revision that left it so.', resolve: (r) => r.sequence }),
    since: t.field({ type: 'DateTime', description: 'When that revision was written.', resolve: (r) => r.at }),
    values: t.field({ type: 'JSONObject', description: 'Its columns then.', resolve: (r) => r.values }),
  }),
});

const KnownStateRef = builder.objectRef<{ record: RecordState | null; facts: RecordState[] }>('KnownState').implement({
  description: 'What the graph held about a node at an instant (knowledge time, apart from `asOf`: when something was true in the world).',
  fields: (t) => ({
    record: t.field({ type: RecordStateRef, nullable: true, description: 'The node itself; null when the graph did not hold it then.', resolve: (k) => k.record }),
    facts: t.field({ type: [RecordStateRef], description: 'Every fact naming it then (aliases, ties, memberships, designations, parties, citations), oldest first.', resolve: (k) => k.facts }),
  }),
});

const RevisionConnection = builder.connectionObject(
  { type: RevisionRef, name: 'RevisionConnection', description: 'A page of revisions.' },
  { name: 'RevisionEdge', description: 'One revision, with its cursor.' },
);

/** A cursor is the sequence, in text: durable across restarts and servers. */
function sequenceOf(cursor: string | null | undefined, argument: string): number | null {
  if (cursor === null || cursor === undefined) return null;
  if (!/^\d{1,15}$/.test(cursor)) throw badUserInput(`"${argument}" is not a cursor of this list.`, argument);
  return Number(cursor);
}

function page(rows: RevisionRow[], first: number, previous: boolean) {
  const items = rows.slice(0, first);
  return {
    edges: items.map((node) => ({ cursor: String(node.sequence), node })),
    pageInfo: {
      hasNextPage: rows.length > first,
      hasPreviousPage: previous,
      startCursor: items[0] ? String(items[0].sequence) : null,
      endCursor: items.at(-1) ? String(items.at(-1)!.sequence) : null,
    },
  };
}

const DEFAULT_PAGE = 100;

builder.queryFields((t) => ({
  changes: t.field({
    type: RevisionConnection,
    description: 'Every change to the graph, oldest first, after a cursor: a durable feed. Keep `pageInfo.endCursor` and ask again with it to get what changed since.',
    args: {
      after: t.arg.string({ description: 'The last cursor read; omitted: from the beginning.' }),
      first: t.arg.int({ description: 'How many (at most 100; default 100).' }),
      types: t.arg.stringList({ description: 'Only records of these types ("Organization", "Alias", "Citation").' }),
      entity: t.arg.globalID({ description: 'Only changes to this node and to the facts that name it (its aliases, memberships, citations).' }),
    },
    resolve: async (_, args, ctx) => {
      checkPageSize(args);
      const first = args.first ?? DEFAULT_PAGE;
      const after = sequenceOf(args.after, 'after') ?? 0;
      const rows = first === 0 ? [] : await readChanges(ctx.sql, { after, first, types: args.types, entity: args.entity?.id ?? null });
      return page(rows, first, after > 0);
    },
  }),
  knownAt: t.field({
    type: KnownStateRef,
    description: 'What the graph held about a node at an instant, read from its revisions: its values then and the facts naming it then. Knowledge time, apart from `asOf` (when something was true in the world).',
    args: {
      id: t.arg.globalID({ required: true, description: 'An organization, person, incident or source.' }),
      at: t.arg({ type: 'DateTime', required: true, description: 'The instant.' }),
    },
    resolve: async (_, { id, at }, ctx) => {
      const states = await statesKnownAt(ctx.sql, id.id, at).catch((error: unknown) => {
        throw error instanceof TooManyRecords ? badUserInput(error.message, 'id') : error;
      });
      return { record: states.find((s) => s.recordId === id.id) ?? null, facts: states.filter((s) => s.recordId !== id.id) };
    },
  }),
  retracted: t.field({
    type: RevisionConnection,
    description: 'Records a reviewer retracted and no one brought back, newest first: each revision holds every value the record had (`before`). `revert` of one brings its retraction back.',
    args: {
      entity: t.arg.globalID({ description: 'Only this node and the facts that named it.' }),
      first: t.arg.int({ description: 'How many (at most 100; default 20).' }),
      after: t.arg.string({ description: 'The last cursor read.' }),
    },
    resolve: async (_, args, ctx) => {
      checkPageSize(args);
      const first = args.first ?? 20;
      const before = sequenceOf(args.after, 'after');
      return page(first === 0 ? [] : await readRetracted(ctx.sql, args.entity?.id ?? null, before, first), first, before !== null);
    },
  }),
}));

/** `history` and `revision` on a node whose row id is its global ID's. */
function historyFields<T extends { id: string }>(ref: ObjectRef<typeof builder.$inferSchemaTypes, T>) {
  builder.objectFields(ref, (t) => ({
    revision: t.field({
      type: 'SafeInt',
      description: 'The record\'s latest revision (its sequence; 0 when older than the history). An update names it; a stale one is refused with CONFLICT.',
      resolve: (row, _, ctx) => loaders(ctx).latest.load(row.id),
    }),
    history: t.field({
      type: RevisionConnection,
      description: 'Every change to this record and to the facts that name it, newest first.',
      args: { first: t.arg.int({ description: 'How many (at most 100; default 20).' }), after: t.arg.string({ description: 'The last cursor read.' }) },
      resolve: async (row, args, ctx) => {
        checkPageSize(args);
        const first = args.first ?? 20;
        const before = sequenceOf(args.after, 'after');
        return page(first === 0 ? [] : await readHistory(ctx.sql, row.id, before, first), first, before !== null);
      },
    }),
  }));
}

historyFields(OrganizationRef);
historyFields(PersonRef);
historyFields(IncidentRef);
historyFields(SourceRef);
