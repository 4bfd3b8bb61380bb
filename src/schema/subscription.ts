// Live changes over Server-Sent Events (GraphQL over SSE, as Yoga serves it): every revision as it is
// committed, on this server or, through Redis, on any other. A client that falls behind or reconnects
// reads `changes(after:)` from its last sequence: the feed is the durable record, the stream its tail.
import type { Context } from '../context.js';
import type { ChangeEvent } from '../history/events.js';
import { revisionOfChange, type RevisionRow } from '../history/revisions.js';
import { builder } from './builder.js';
import { RevisionRef } from './revision.js';

/** The revisions of every batch published from now on that `keep` accepts, one by one. */
async function* revisions(ctx: Context, keep: (c: ChangeEvent) => boolean): AsyncGenerator<RevisionRow> {
  for await (const batch of ctx.changes.subscribe()) {
    for (const change of batch) if (keep(change)) yield revisionOfChange(change);
  }
}

builder.subscriptionFields((t) => ({
  changes: t.field({
    type: RevisionRef,
    description: 'Each revision as it is written, from now on. To catch up first (or after a reconnection), read `changes(after:)`.',
    args: {
      types: t.arg.stringList({ description: 'Only records of these types ("Organization", "Alias", "Citation").' }),
    },
    subscribe: (_, { types }, ctx) => revisions(ctx, (c) => !types?.length || types.includes(c.recordType)),
    resolve: (revision) => revision,
  }),
  entityChanged: t.field({
    type: RevisionRef,
    description: 'Each revision of one node, or of a fact naming it (an alias, a membership, a citation), as it is written.',
    args: { id: t.arg.globalID({ required: true, description: 'The node followed.' }) },
    subscribe: (_, { id }, ctx) => revisions(ctx, (c) => c.entityIds.includes(id.id)),
    resolve: (revision) => revision,
  }),
}));
