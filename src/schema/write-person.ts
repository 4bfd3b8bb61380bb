// Writes of persons: create one with its facts, change its values (naming the revision read), add facts.
import { addPersonFacts, createPerson, inferencesOf, updatePerson } from '../writes/records.js';
import { builder } from './builder.js';
import { PersonStatusEnum } from './enums.js';
import { PersonRef } from './refs.js';
import { AliasInput, DesignationInput, factOf, MembershipInput } from './write-facts.js';
import { CitationInput, citationsOf, InferenceInput, performWrite, reasonArg, revisionsField, type Written } from './write-inputs.js';
import { writeErrors } from './write-errors.js';

const factFields = (t: PothosSchemaTypes.InputFieldBuilder<typeof builder.$inferSchemaTypes, 'InputObject'>) => ({
  aliases: t.field({ type: [AliasInput], description: 'Other names, noms de guerre.' }),
  memberships: t.field({ type: [MembershipInput], description: 'Roles in organizations.' }),
  designations: t.field({ type: [DesignationInput], description: 'Listings.' }),
});

type Fact = Parameters<typeof factOf>[0];
type FactArgs = { aliases?: Fact[] | null; memberships?: (Fact & { organization: { id: string } })[] | null; designations?: Fact[] | null };
const factsOf = (input: FactArgs) => ({
  aliases: input.aliases?.map((f) => factOf(f)),
  memberships: input.memberships?.map((f) => factOf(f, { organization: f.organization }) as never),
  designations: input.designations?.map((f) => factOf(f)),
});

const CreatePersonInput = builder.inputType('CreatePersonInput', {
  description: 'A new person with the passages that state them, in the seed\'s notation.',
  fields: (t) => ({
    slug: t.string({ required: true, description: 'Short stable key: lowercase ASCII words joined by hyphens.' }),
    name: t.string({ required: true, description: 'The canonical name.' }),
    status: t.field({ type: PersonStatusEnum, description: 'Default UNKNOWN; any other needs a citation supporting "status".' }),
    nationality: t.string({ description: 'ISO 3166-1 alpha-2 code.' }),
    biography: t.string({ description: 'Who they are, as their citations say (one supporting "biography").' }),
    born: t.string({ description: 'When born.' }),
    died: t.string({ description: 'When died.' }),
    inferences: t.field({ type: [InferenceInput], description: 'Values no passage states but the text implies.' }),
    citations: t.field({ type: [CitationInput], required: true, description: 'The passages that state them.' }),
    ...factFields(t),
    reason: t.string(reasonArg),
  }),
});

const UpdatePersonInput = builder.inputType('UpdatePersonInput', {
  description: 'New values for a person. Omitted fields keep their values; null clears an optional one.',
  fields: (t) => ({
    id: t.globalID({ required: true, for: PersonRef, description: 'The person.' }),
    revision: t.field({ type: 'SafeInt', required: true, description: 'Their `revision` as read: a write since then refuses this one with CONFLICT.' }),
    name: t.string({ description: 'The canonical name.' }),
    status: t.field({ type: PersonStatusEnum, description: 'Alive, dead, held.' }),
    nationality: t.string({ description: 'ISO 3166-1 alpha-2 code.' }),
    biography: t.string({ description: 'Who they are.' }),
    born: t.string({ description: 'When born.' }),
    died: t.string({ description: 'When died.' }),
    inferences: t.field({ type: [InferenceInput], description: 'Replaces their inferences.' }),
    citations: t.field({ type: [CitationInput], description: 'Passages stating the new values, added to their citations.' }),
    reason: t.string(reasonArg),
  }),
});

const AddPersonFactsInput = builder.inputType('AddPersonFactsInput', {
  description: 'Facts to add to a person; one already held is cited again, not doubled.',
  fields: (t) => ({
    person: t.globalID({ required: true, for: PersonRef, description: 'The person.' }),
    ...factFields(t),
    reason: t.string(reasonArg),
  }),
});

const PersonPayload = builder.objectRef<Written>('PersonPayload').implement({
  description: 'The person written, as they are now.',
  fields: (t) => ({
    person: t.field({ type: PersonRef, description: 'The person.', resolve: (w, _, ctx) => ctx.loaders.personLoader.load(w.id).then((p) => p!) }),
    revisions: revisionsField(t),
  }),
});

const write = { authScopes: { editor: true } } as const;

builder.mutationFields((t) => ({
  createPerson: t.field({
    ...write,
    errors: writeErrors('createPerson'),
    type: PersonPayload,
    description: 'Creates a person with their facts. Editors.',
    args: { input: t.arg({ type: CreatePersonInput, required: true, description: 'What to write.' }) },
    resolve: (_, { input: { reason, ...input } }, ctx) => performWrite(ctx, 'createPerson', reason, (tx) => createPerson(tx, {
      ...input, ...factsOf(input), inferences: inferencesOf(input.inferences), citations: citationsOf(input.citations) ?? [],
    })),
  }),
  updatePerson: t.field({
    ...write,
    errors: writeErrors('updatePerson'),
    type: PersonPayload,
    description: 'Changes a person\'s values. Editors. Names the revision read: CONFLICT when another write came first.',
    args: { input: t.arg({ type: UpdatePersonInput, required: true, description: 'What to write.' }) },
    resolve: (_, { input: { reason, ...input } }, ctx) => performWrite(ctx, 'updatePerson', reason, (tx) => updatePerson(tx, {
      ...input, id: input.id.id, inferences: inferencesOf(input.inferences), citations: citationsOf(input.citations),
    })),
  }),
  addPersonFacts: t.field({
    ...write,
    errors: writeErrors('addPersonFacts'),
    type: PersonPayload,
    description: 'Adds aliases, memberships or designations to a person. Editors.',
    args: { input: t.arg({ type: AddPersonFactsInput, required: true, description: 'What to write.' }) },
    resolve: (_, { input: { reason, ...input } }, ctx) => performWrite(ctx, 'addPersonFacts', reason, (tx) => addPersonFacts(tx, input.person.id, factsOf(input))),
  }),
}));
