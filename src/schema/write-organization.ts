// Writes of organizations: create one with its facts, change its values (naming the revision read), add facts.
import { addOrganizationFacts, createOrganization, inferencesOf, updateOrganization } from '../writes/records.js';
import { builder } from './builder.js';
import { OrganizationKindEnum, OrganizationStatusEnum } from './enums.js';
import { OrganizationRef } from './refs.js';
import { AliasInput, AreaInput, DesignationInput, EstimateInput, factOf, RelationInput } from './write-facts.js';
import { CitationInput, citationsOf, InferenceInput, performWrite, reasonArg, revisionsField, type Written } from './write-inputs.js';
import { writeErrors } from './write-errors.js';

const factFields = (t: PothosSchemaTypes.InputFieldBuilder<typeof builder.$inferSchemaTypes, 'InputObject'>) => ({
  aliases: t.field({ type: [AliasInput], description: 'Other names.' }),
  areas: t.field({ type: [AreaInput], description: 'Where it operates.' }),
  relations: t.field({ type: [RelationInput], description: 'Ties to other organizations.' }),
  designations: t.field({ type: [DesignationInput], description: 'Listings.' }),
  estimates: t.field({ type: [EstimateInput], description: 'Figures.' }),
});

type FactArgs = {
  aliases?: Parameters<typeof factOf>[0][] | null; areas?: Parameters<typeof factOf>[0][] | null;
  relations?: (Parameters<typeof factOf>[0] & { to: { id: string } })[] | null;
  designations?: Parameters<typeof factOf>[0][] | null; estimates?: Parameters<typeof factOf>[0][] | null;
};
const factsOf = (input: FactArgs) => ({
  aliases: input.aliases?.map((f) => factOf(f)),
  areas: input.areas?.map((f) => factOf(f)),
  relations: input.relations?.map((f) => factOf(f, { to: f.to }) as never),
  designations: input.designations?.map((f) => factOf(f)),
  estimates: input.estimates?.map((f) => factOf(f)),
});

const CreateOrganizationInput = builder.inputType('CreateOrganizationInput', {
  description: 'A new organization with the passages that state it, in the seed\'s notation.',
  fields: (t) => ({
    slug: t.string({ required: true, description: 'Short stable key: lowercase ASCII words joined by hyphens.' }),
    name: t.string({ required: true, description: 'The canonical name.' }),
    kind: t.field({ type: OrganizationKindEnum, required: true, description: 'What sort of organization.' }),
    status: t.field({ type: OrganizationStatusEnum, description: 'Default UNKNOWN; any other needs a citation supporting "status".' }),
    summary: t.string({ description: 'What it is, as its citations say (one supporting "summary").' }),
    ideology: t.string({ description: 'Its ideology, as its citations say (one supporting "ideology").' }),
    founded: t.string({ description: 'When founded: "2017", "2017-03", "2017-03-02".' }),
    dissolved: t.string({ description: 'When dissolved.' }),
    inferences: t.field({ type: [InferenceInput], description: 'Values no passage states but the text implies.' }),
    citations: t.field({ type: [CitationInput], required: true, description: 'The passages that state it.' }),
    ...factFields(t),
    reason: t.string(reasonArg),
  }),
});

const UpdateOrganizationInput = builder.inputType('UpdateOrganizationInput', {
  description: 'New values for an organization. Omitted fields keep their values; null clears an optional one.',
  fields: (t) => ({
    id: t.globalID({ required: true, for: OrganizationRef, description: 'The organization.' }),
    revision: t.field({ type: 'SafeInt', required: true, description: 'Its `revision` as read: a write since then refuses this one with CONFLICT.' }),
    name: t.string({ description: 'The canonical name.' }),
    kind: t.field({ type: OrganizationKindEnum, description: 'What sort of organization.' }),
    status: t.field({ type: OrganizationStatusEnum, description: 'Whether it is active.' }),
    summary: t.string({ description: 'What it is.' }),
    ideology: t.string({ description: 'Its ideology.' }),
    founded: t.string({ description: 'When founded.' }),
    dissolved: t.string({ description: 'When dissolved.' }),
    inferences: t.field({ type: [InferenceInput], description: 'Replaces its inferences.' }),
    citations: t.field({ type: [CitationInput], description: 'Passages stating the new values, added to its citations.' }),
    reason: t.string(reasonArg),
  }),
});

const AddOrganizationFactsInput = builder.inputType('AddOrganizationFactsInput', {
  description: 'Facts to add to an organization; one already held (same natural key) is cited again, not doubled.',
  fields: (t) => ({
    organization: t.globalID({ required: true, for: OrganizationRef, description: 'The organization.' }),
    ...factFields(t),
    reason: t.string(reasonArg),
  }),
});

const OrganizationPayload = builder.objectRef<Written>('OrganizationPayload').implement({
  description: 'The organization written, as it is now.',
  fields: (t) => ({
    organization: t.field({ type: OrganizationRef, description: 'The organization.', resolve: (w, _, ctx) => ctx.loaders.organizationLoader.load(w.id).then((o) => o!) }),
    revisions: revisionsField(t),
  }),
});

const write = { authScopes: { editor: true } } as const;

builder.mutationFields((t) => ({
  createOrganization: t.field({
    ...write,
    errors: writeErrors('createOrganization'),
    type: OrganizationPayload,
    description: 'Creates an organization with its facts. Editors. The provenance rules hold: a quote not in its source, a date or number no passage states, is refused.',
    args: { input: t.arg({ type: CreateOrganizationInput, required: true, description: 'What to write.' }) },
    resolve: (_, { input: { reason, ...input } }, ctx) => performWrite(ctx, 'createOrganization', reason, (tx) => createOrganization(tx, {
      ...input, ...factsOf(input), inferences: inferencesOf(input.inferences), citations: citationsOf(input.citations) ?? [],
    })),
  }),
  updateOrganization: t.field({
    ...write,
    errors: writeErrors('updateOrganization'),
    type: OrganizationPayload,
    description: 'Changes an organization\'s values. Editors. Names the revision read: CONFLICT when another write came first.',
    args: { input: t.arg({ type: UpdateOrganizationInput, required: true, description: 'What to write.' }) },
    resolve: (_, { input: { reason, ...input } }, ctx) => performWrite(ctx, 'updateOrganization', reason, (tx) => updateOrganization(tx, {
      ...input, id: input.id.id, inferences: inferencesOf(input.inferences), citations: citationsOf(input.citations),
    })),
  }),
  addOrganizationFacts: t.field({
    ...write,
    errors: writeErrors('addOrganizationFacts'),
    type: OrganizationPayload,
    description: 'Adds aliases, areas, relations, designations or estimates to an organization. Editors.',
    args: { input: t.arg({ type: AddOrganizationFactsInput, required: true, description: 'What to write.' }) },
    resolve: (_, { input: { reason, ...input } }, ctx) => performWrite(ctx, 'addOrganizationFacts', reason, (tx) => addOrganizationFacts(tx, input.organization.id, factsOf(input))),
  }),
}));
