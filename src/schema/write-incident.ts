// Writes of incidents: create one with who did it, change its values (naming the revision read), add parties.
import { addIncidentFacts, createIncident, inferencesOf, updateIncident } from '../writes/records.js';
import { builder } from './builder.js';
import { IncidentKindEnum, TargetKindEnum } from './enums.js';
import { IncidentRef } from './refs.js';
import { EstimateInput, factOf, ParticipantInput, PerpetratorInput } from './write-facts.js';
import { CitationInput, citationsOf, CountInput, InferenceInput, performWrite, reasonArg, revisionsField, type Written } from './write-inputs.js';
import { writeErrors } from './write-errors.js';

const factFields = (t: PothosSchemaTypes.InputFieldBuilder<typeof builder.$inferSchemaTypes, 'InputObject'>) => ({
  perpetrators: t.field({ type: [PerpetratorInput], description: 'Organizations that carried it out, claimed it or are blamed for it.' }),
  participants: t.field({ type: [ParticipantInput], description: 'Persons who took part.' }),
  estimates: t.field({ type: [EstimateInput], description: 'Figures (a ransom paid).' }),
});

type Fact = Parameters<typeof factOf>[0];
type FactArgs = { perpetrators?: (Fact & { organization: { id: string } })[] | null; participants?: (Fact & { person: { id: string } })[] | null; estimates?: Fact[] | null };
const factsOf = (input: FactArgs) => ({
  perpetrators: input.perpetrators?.map((f) => factOf(f, { organization: f.organization }) as never),
  participants: input.participants?.map((f) => factOf(f, { person: f.person }) as never),
  estimates: input.estimates?.map((f) => factOf(f)),
});

const CoordinatesInput = builder.inputType('CoordinatesInput', {
  description: 'A point, as the source gives it (WGS 84).',
  fields: (t) => ({
    latitude: t.float({ required: true, description: 'Degrees north, -90 to 90.' }),
    longitude: t.float({ required: true, description: 'Degrees east, -180 to 180.' }),
  }),
});

const valueFields = (t: PothosSchemaTypes.InputFieldBuilder<typeof builder.$inferSchemaTypes, 'InputObject'>) => ({
  summary: t.string({ description: 'What happened, as its citations say (one supporting "summary").' }),
  date: t.string({ description: 'When: "2019-10", "2019-10-01", "2019-10-01/2019-10-02".' }),
  place: t.string({ description: 'Where, as the source names it.' }),
  adminRegion: t.string({ description: 'The administrative region.' }),
  country: t.string({ description: 'ISO 3166-1 alpha-2 code.' }),
  killed: t.field({ type: CountInput, description: 'Deaths, as stated.' }),
  injured: t.field({ type: CountInput, description: 'Injuries, as stated.' }),
  targets: t.field({ type: [TargetKindEnum], description: 'Who or what was targeted (a citation supporting "targets", or an inference).' }),
  inferences: t.field({ type: [InferenceInput], description: 'Values no passage states but the text implies.' }),
});

const CreateIncidentInput = builder.inputType('CreateIncidentInput', {
  description: 'A new incident with the passages that state it, in the seed\'s notation.',
  fields: (t) => ({
    slug: t.string({ required: true, description: 'Short stable key: lowercase ASCII words joined by hyphens.' }),
    title: t.string({ required: true, description: 'A short title.' }),
    kind: t.field({ type: IncidentKindEnum, required: true, description: 'What happened.' }),
    coordinates: t.field({ type: CoordinatesInput, description: 'Where, when the source gives coordinates.' }),
    ...valueFields(t),
    citations: t.field({ type: [CitationInput], required: true, description: 'The passages that state it.' }),
    ...factFields(t),
    reason: t.string(reasonArg),
  }),
});

const UpdateIncidentInput = builder.inputType('UpdateIncidentInput', {
  description: 'New values for an incident. Omitted fields keep their values; null clears an optional one.',
  fields: (t) => ({
    id: t.globalID({ required: true, for: IncidentRef, description: 'The incident.' }),
    revision: t.field({ type: 'SafeInt', required: true, description: 'Its `revision` as read: a write since then refuses this one with CONFLICT.' }),
    title: t.string({ description: 'A short title.' }),
    kind: t.field({ type: IncidentKindEnum, description: 'What happened.' }),
    ...valueFields(t),
    citations: t.field({ type: [CitationInput], description: 'Passages stating the new values, added to its citations.' }),
    reason: t.string(reasonArg),
  }),
});

const AddIncidentFactsInput = builder.inputType('AddIncidentFactsInput', {
  description: 'Parties or figures to add to an incident; one already held is cited again, not doubled.',
  fields: (t) => ({
    incident: t.globalID({ required: true, for: IncidentRef, description: 'The incident.' }),
    ...factFields(t),
    reason: t.string(reasonArg),
  }),
});

const IncidentPayload = builder.objectRef<Written>('IncidentPayload').implement({
  description: 'The incident written, as it is now.',
  fields: (t) => ({
    incident: t.field({ type: IncidentRef, description: 'The incident.', resolve: (w, _, ctx) => ctx.loaders.incidentLoader.load(w.id).then((i) => i!) }),
    revisions: revisionsField(t),
  }),
});

const write = { authScopes: { editor: true } } as const;

builder.mutationFields((t) => ({
  createIncident: t.field({
    ...write,
    errors: writeErrors('createIncident'),
    type: IncidentPayload,
    description: 'Creates an incident with its parties. Editors. Counts and dates must be stated by its passages.',
    args: { input: t.arg({ type: CreateIncidentInput, required: true, description: 'What to write.' }) },
    resolve: (_, { input: { reason, ...input } }, ctx) => performWrite(ctx, 'createIncident', reason, (tx) => createIncident(tx, {
      ...input, ...factsOf(input), inferences: inferencesOf(input.inferences), citations: citationsOf(input.citations) ?? [],
    })),
  }),
  updateIncident: t.field({
    ...write,
    errors: writeErrors('updateIncident'),
    type: IncidentPayload,
    description: 'Changes an incident\'s values. Editors. Names the revision read: CONFLICT when another write came first.',
    args: { input: t.arg({ type: UpdateIncidentInput, required: true, description: 'What to write.' }) },
    resolve: (_, { input: { reason, ...input } }, ctx) => performWrite(ctx, 'updateIncident', reason, (tx) => updateIncident(tx, {
      ...input, id: input.id.id, inferences: inferencesOf(input.inferences), citations: citationsOf(input.citations),
    })),
  }),
  addIncidentFacts: t.field({
    ...write,
    errors: writeErrors('addIncidentFacts'),
    type: IncidentPayload,
    description: 'Adds perpetrators, participants or figures to an incident. Editors.',
    args: { input: t.arg({ type: AddIncidentFactsInput, required: true, description: 'What to write.' }) },
    resolve: (_, { input: { reason, ...input } }, ctx) => performWrite(ctx, 'addIncidentFacts', reason, (tx) => addIncidentFacts(tx, input.incident.id, factsOf(input))),
  }),
}));
