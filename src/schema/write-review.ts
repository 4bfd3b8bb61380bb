// A reviewer's writes: retract a fact, revert a write, merge two records (and unmerge them), settle a pair
// an import left for review. Each leaves revisions like any write, so each can itself be reverted.
import { decodeGlobalID } from '@pothos/plugin-relay';
import { InvalidInputRefusal } from '../writes/errors.js';
import { revertWrite } from '../writes/revert.js';
import { mergeEntities, resolveMergeCandidate, retract, RETRACTABLE, type Retractable } from '../writes/reviews.js';
import type { Tx } from '../writes/transaction.js';
import { builder } from './builder.js';
import { EntityUnion } from './entity.js';
import { performWrite, revisionsField, type Written } from './write-inputs.js';
import { writeErrors } from './write-errors.js';

const reason = { required: true, description: 'Why: kept in the revisions, shown in history.' } as const;

/** A global ID's type and row, or a refusal naming the field (a reviewer may paste anything). */
function decoded(id: string, field: string) {
  try {
    const { typename, id: row } = decodeGlobalID(id);
    if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(row)) return { typename, row };
  } catch {
    // Refused below.
  }
  throw new InvalidInputRefusal(`${field}: not a global ID this API gave.`, field);
}

const MergeVerdictEnum = builder.enumType('MergeVerdict', {
  description: 'A reviewer\'s verdict on a pair.',
  values: { SAME: { description: 'One entity: merge them.' }, DIFFERENT: { description: 'Two entities: never merge them, nor propose the pair again.' } },
});

const RetractInput = builder.inputType('RetractInput', {
  description: 'A record to take out of every answer, kept in its revisions.',
  fields: (t) => ({
    id: t.id({ required: true, description: 'The record\'s global ID: an entity, a fact (alias, relation, membership, party...) or a citation.' }),
    reason: t.string(reason),
  }),
});
const RevertInput = builder.inputType('RevertInput', {
  description: 'A write to undo.',
  fields: (t) => ({
    revision: t.field({ type: 'SafeInt', required: true, description: 'Any revision the write made: the whole write is undone.' }),
    reason: t.string(reason),
  }),
});
const MergeEntitiesInput = builder.inputType('MergeEntitiesInput', {
  description: 'Two organizations, or two persons, that are one.',
  fields: (t) => ({
    keep: t.id({ required: true, description: 'The record that stays.' }),
    merge: t.id({ required: true, description: 'The record merged into it, then removed.' }),
    reason: t.string(reason),
  }),
});
const ResolveMergeCandidateInput = builder.inputType('ResolveMergeCandidateInput', {
  description: 'A verdict on a pair an import left for review (`mergeCandidates`).',
  fields: (t) => ({
    id: t.id({ required: true, description: 'The pair\'s `id`.' }),
    decision: t.field({ type: MergeVerdictEnum, required: true, description: 'SAME merges the import\'s record into the entity held; DIFFERENT keeps both, for good.' }),
    reason: t.string(reason),
  }),
});

const ReviewPayload = builder.objectRef<Written>('ReviewPayload').implement({
  description: 'What a reviewer\'s write did.',
  fields: (t) => ({
    entity: t.field({
      type: EntityUnion,
      nullable: true,
      description: 'The organization or person that stands after a merge or a verdict; null for a retraction or a revert.',
      resolve: async (w, _, ctx) => (w.id ? ((await ctx.loaders.organizationLoader.load(w.id)) ?? (await ctx.loaders.personLoader.load(w.id))) : null),
    }),
    revisions: revisionsField(t),
  }),
});

const MERGES = new Set(['mergeEntities', 'resolveMergeCandidate']);

/** Whether the write that made `sequence` was a merge (what `unmerge` may undo). */
async function isMerge(tx: Tx, sequence: number): Promise<boolean> {
  const [row] = await tx.$queryRawUnsafe<{ action: string | null }[]>(`SELECT action FROM "Revision" WHERE sequence = $1`, sequence);
  return MERGES.has(row?.action ?? '');
}

const review = { authScopes: { reviewer: true } } as const;

builder.mutationFields((t) => ({
  retract: t.field({
    ...review,
    errors: writeErrors('retract'),
    type: ReviewPayload,
    description: 'Takes a record out of every answer without losing it: its values stay in its revisions (`retracted` lists it) and `revert` brings it back. An entity goes with its facts. Reviewers.',
    args: { input: t.arg({ type: RetractInput, required: true, description: 'What to retract, and why.' }) },
    resolve: (_, { input }, ctx) => performWrite(ctx, 'retract', input.reason, async (tx) => {
      const { typename, row } = decoded(input.id, 'input.id');
      const table = typename === 'IncidentParty' ? 'IncidentPerpetrator' : typename;
      if (!RETRACTABLE.includes(table as Retractable)) throw new InvalidInputRefusal(`A ${typename} cannot be retracted (sources are cited: retract what cites them).`, 'input.id');
      const done = await retract(tx, table as Retractable, row);
      return { ...done, result: '' };
    }),
  }),
  revert: t.field({
    ...review,
    errors: writeErrors('revert'),
    type: ReviewPayload,
    description: 'Undoes a whole write, putting back every record it changed as it was: CONFLICT when one of them changed since. Reviewers.',
    args: { input: t.arg({ type: RevertInput, required: true, description: 'The write to undo, and why.' }) },
    resolve: (_, { input }, ctx) => performWrite(ctx, 'revert', input.reason, async (tx) => ({ ...(await revertWrite(tx, input.revision)), result: '' })),
  }),
  mergeEntities: t.field({
    ...review,
    errors: writeErrors('mergeEntities'),
    type: ReviewPayload,
    description: 'Merges two organizations or two persons: aliases, identifiers, citations and links move to `keep`, then `merge` is removed. `unmerge` restores both exactly. Reviewers.',
    args: { input: t.arg({ type: MergeEntitiesInput, required: true, description: 'The two records, and why they are one.' }) },
    resolve: (_, { input }, ctx) => performWrite(ctx, 'mergeEntities', input.reason, async (tx) => {
      const keep = decoded(input.keep, 'input.keep');
      const merge = decoded(input.merge, 'input.merge');
      if ((keep.typename !== 'Organization' && keep.typename !== 'Person') || merge.typename !== keep.typename) {
        throw new InvalidInputRefusal('Merge two organizations or two persons.', 'input.merge');
      }
      return mergeEntities(tx, keep.typename, keep.row, merge.row);
    }),
  }),
  unmerge: t.field({
    ...review,
    errors: writeErrors('unmerge'),
    type: ReviewPayload,
    description: 'Undoes a merge: both records as they were, with their aliases, identifiers, citations and links. Reviewers.',
    args: { input: t.arg({ type: RevertInput, required: true, description: 'A revision of the merge, and why it was wrong.' }) },
    resolve: (_, { input }, ctx) => performWrite(ctx, 'unmerge', input.reason, async (tx) => {
      if (!(await isMerge(tx, input.revision))) throw new InvalidInputRefusal(`Revision ${input.revision} is not of a merge: \`revert\` undoes other writes.`, 'input.revision');
      return { ...(await revertWrite(tx, input.revision)), result: '' };
    }),
  }),
  resolveMergeCandidate: t.field({
    ...review,
    errors: writeErrors('resolveMergeCandidate'),
    type: ReviewPayload,
    description: 'Settles a pair an import left for review: SAME merges them, DIFFERENT keeps both and no importer proposes the pair again. Reviewers.',
    args: { input: t.arg({ type: ResolveMergeCandidateInput, required: true, description: 'The pair, the verdict, and why.' }) },
    resolve: (_, { input }, ctx) => performWrite(ctx, 'resolveMergeCandidate', input.reason, async (tx) => {
      const { typename, row } = decoded(input.id, 'input.id');
      if (typename !== 'MergeCandidate') throw new InvalidInputRefusal('Give a pair\'s `id` from `mergeCandidates`.', 'input.id');
      const identity = ctx.identity.kind === 'key' ? `key ${ctx.identity.name}` : 'anonymous';
      return resolveMergeCandidate(tx, row, input.decision, input.reason, identity);
    }),
  }),
}));
