// Inputs every write shares: citations, inferences, counts, and the field that runs a write as its caller.
// Dates and numbers are in the seed's notation ("2017-03", "2015/2016", a count with its qualifier).
import type { Context } from '../context.js';
import { runWrite, type Tx, type WorkDone } from '../writes/transaction.js';
import { builder } from './builder.js';
import { QuantityQualifierEnum } from './enums.js';
import { SourceRef } from './source.js';
import { RevisionRef } from './revision.js';
import { readRevisions, revisionOfChange, type RevisionRow } from '../history/revisions.js';
import type { CitationInput as CitationValue } from '../writes/records.js';
import { SUPPORTABLE_FIELDS } from '../seed/schema.js';

export const CitationInput = builder.inputType('CitationInput', {
  description: 'The passage of a source that states a fact. Every fact needs one; the quote must be verbatim in the source\'s text when it has one.',
  fields: (t) => ({
    source: t.globalID({ required: true, for: SourceRef, description: 'The source (`createSource` makes one).' }),
    quote: t.string({ required: true, description: 'The passage, verbatim.' }),
    locator: t.string({ description: 'Where in the source: page, paragraph, section.' }),
    attributedTo: t.string({ description: 'Who the source says made the statement, when the cited sentence or the one before names them.' }),
    supports: t.stringList({ description: `Fields of the record this passage states besides the record itself: ${SUPPORTABLE_FIELDS.join(', ')}.` }),
  }),
});

export const InferenceInput = builder.inputType('InferenceInput', {
  description: 'A value no passage states but the text implies, stored only marked as inferred, with the reasoning.',
  fields: (t) => ({
    field: t.string({ required: true, description: 'The field inferred: "founded", "date", "killed", "min".' }),
    reasoning: t.string({ required: true, description: 'How the text implies it.' }),
  }),
});

export const CountInput = builder.inputType('CountInput', {
  description: 'A count as a source gives it: a figure (min = max), a range (min < max), or one bound with its qualifier ("at least six": min 6, AT_LEAST).',
  fields: (t) => ({
    min: t.int({ required: true, description: 'The figure, or the lower bound.' }),
    max: t.int({ description: 'The figure again, or the upper bound of a range; omitted for "at least".' }),
    qualifier: t.field({ type: QuantityQualifierEnum, description: 'How the figure relates to what the source says.' }),
  }),
});

export const reasonArg = { description: 'Why: kept in the revision.' };

/** Citations as the write functions take them: the source's database ID. */
export const citationsOf = (list: readonly { source: { id: string }; quote: string; locator?: string | null; attributedTo?: string | null; supports?: readonly string[] | null }[] | null | undefined): CitationValue[] | undefined =>
  list?.map((c) => ({ source: c.source.id, quote: c.quote, locator: c.locator ?? null, attributedTo: c.attributedTo ?? null, supports: c.supports ? [...c.supports] : null }));

/** What a payload holds: the record's ID and the revisions the write made. */
export interface Written {
  id: string;
  revisions: RevisionRow[];
}

/**
 * Runs a write as the caller, announces its revisions once committed (subscriptions, every server's
 * response cache), and returns what the payload shows.
 */
export async function performWrite(ctx: Context, action: string, reason: string | null | undefined, work: (tx: Tx) => Promise<WorkDone<string>>): Promise<Written> {
  const { result, changes } = await runWrite(ctx.db, ctx.identity, { action, reason: reason ?? null }, work);
  await ctx.changes.publish(changes);
  return { id: result, revisions: changes.map(revisionOfChange) };
}

/** The `revisions` field of every payload: loaded by sequence, so each shows what the database recorded. */
export const revisionsField = (t: PothosSchemaTypes.ObjectFieldBuilder<typeof builder.$inferSchemaTypes, Written>) =>
  t.field({
    type: [RevisionRef],
    description: 'The revisions this write made, in order.',
    resolve: async (w, _, ctx: Context) => (await readRevisions(ctx.sql, w.revisions.map((r) => r.sequence))).filter((r): r is RevisionRow => r !== null),
  });
