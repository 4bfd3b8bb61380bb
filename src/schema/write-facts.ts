// The facts a write can add to an entity, as inputs in the seed's notation: aliases, areas, relations,
// designations, estimates, memberships, perpetrators, participants. Each carries its citations.
import { builder } from './builder.js';
import {
  AliasKindEnum, AliasQualityEnum, AreaRoleEnum, AttributionEnum, DesignationAuthorityEnum, EstimateKindEnum,
  MembershipRoleEnum, ParticipantRoleEnum, QuantityQualifierEnum, RelationTypeEnum,
} from './enums.js';
import { OrganizationRef, PersonRef } from './refs.js';
import { CitationInput, citationsOf, InferenceInput } from './write-inputs.js';
import { inferencesOf } from '../writes/records.js';

const citations = { required: true, description: 'The passages that state it (at least one).' } as const;
const inferences = { description: 'Values no passage states but the text implies, each with its reasoning.' } as const;

export const AliasInput = builder.inputType('AliasInput', {
  description: 'Another name of an organization or person.',
  fields: (t) => ({
    name: t.string({ required: true, description: 'The name, as the source writes it.' }),
    kind: t.field({ type: AliasKindEnum, required: true, description: 'How it relates to the canonical name.' }),
    language: t.string({ description: 'BCP 47 tag: "en", "fr", "ar", "ar-Latn".' }),
    quality: t.field({ type: AliasQualityEnum, description: 'WEAK for a list\'s low-quality name or a bare nom de guerre.' }),
    citations: t.field({ type: [CitationInput], ...citations }),
  }),
});

export const AreaInput = builder.inputType('AreaInput', {
  description: 'Where an organization operates, is based or is active.',
  fields: (t) => ({
    country: t.string({ required: true, description: 'ISO 3166-1 alpha-2 code, "ML".' }),
    region: t.string({ description: 'The region within the country, as the source names it.' }),
    role: t.field({ type: AreaRoleEnum, required: true, description: 'Its relation to the place.' }),
    start: t.string({ description: 'Since when ("2017", "2017-03").' }),
    end: t.string({ description: 'Until when.' }),
    inferences: t.field({ type: [InferenceInput], ...inferences }),
    citations: t.field({ type: [CitationInput], ...citations }),
  }),
});

export const RelationInput = builder.inputType('RelationInput', {
  description: 'A directed tie from the organization to another.',
  fields: (t) => ({
    type: t.field({ type: RelationTypeEnum, required: true, description: 'The kind of tie, read from this organization: COMPONENT_OF, SPLIT_FROM, ...' }),
    to: t.globalID({ required: true, for: OrganizationRef, description: 'The other organization.' }),
    description: t.string({ description: 'What the source says of the tie.' }),
    start: t.string({ description: 'Since when.' }),
    end: t.string({ description: 'Until when.' }),
    inferences: t.field({ type: [InferenceInput], ...inferences }),
    citations: t.field({ type: [CitationInput], ...citations }),
  }),
});

export const DesignationInput = builder.inputType('DesignationInput', {
  description: 'A listing by a sanctions or terrorism authority.',
  fields: (t) => ({
    authority: t.field({ type: DesignationAuthorityEnum, required: true, description: 'Who listed it.' }),
    program: t.string({ required: true, description: 'Under which programme.' }),
    reference: t.string({ description: 'The list\'s reference ("QDe.159").' }),
    listed: t.string({ description: 'When listed.' }),
    delisted: t.string({ description: 'When delisted.' }),
    inferences: t.field({ type: [InferenceInput], ...inferences }),
    citations: t.field({ type: [CitationInput], ...citations }),
  }),
});

export const EstimateInput = builder.inputType('EstimateInput', {
  description: 'A figure a source gives: fighters, revenue, casualties.',
  fields: (t) => ({
    kind: t.field({ type: EstimateKindEnum, required: true, description: 'What it measures.' }),
    min: t.float({ description: 'The figure, or its lower bound.' }),
    max: t.float({ description: 'The upper bound.' }),
    qualifier: t.field({ type: QuantityQualifierEnum, description: 'How the figure relates to what the source says.' }),
    unit: t.string({ required: true, description: '"fighters", "USD", "EUR per year".' }),
    scope: t.string({ description: 'What the figure covers, in the source\'s words.' }),
    country: t.string({ description: 'ISO 3166-1 alpha-2 code, when it is about one country.' }),
    asOf: t.string({ description: 'When it held.' }),
    periodStart: t.string({ description: 'The start of the period it covers.' }),
    inferences: t.field({ type: [InferenceInput], ...inferences }),
    citations: t.field({ type: [CitationInput], ...citations }),
  }),
});

export const MembershipInput = builder.inputType('MembershipInput', {
  description: 'A person\'s role in an organization.',
  fields: (t) => ({
    organization: t.globalID({ required: true, for: OrganizationRef, description: 'The organization.' }),
    role: t.field({ type: MembershipRoleEnum, required: true, description: 'The role.' }),
    title: t.string({ description: 'The title the source gives ("emir of the Sahara").' }),
    start: t.string({ description: 'Since when.' }),
    end: t.string({ description: 'Until when.' }),
    inferences: t.field({ type: [InferenceInput], ...inferences }),
    citations: t.field({ type: [CitationInput], ...citations }),
  }),
});

export const PerpetratorInput = builder.inputType('PerpetratorInput', {
  description: 'An organization that carried out an incident, claimed it, or is blamed for it: the cited passage states the part.',
  fields: (t) => ({
    organization: t.globalID({ required: true, for: OrganizationRef, description: 'The organization.' }),
    attribution: t.field({ type: AttributionEnum, required: true, description: 'How firmly the source ties it to the incident.' }),
    citations: t.field({ type: [CitationInput], ...citations }),
  }),
});

export const ParticipantInput = builder.inputType('ParticipantInput', {
  description: 'A person\'s part in an incident.',
  fields: (t) => ({
    person: t.globalID({ required: true, for: PersonRef, description: 'The person.' }),
    role: t.field({ type: ParticipantRoleEnum, required: true, description: 'The part.' }),
    description: t.string({ description: 'What the source says of it.' }),
    citations: t.field({ type: [CitationInput], ...citations }),
  }),
});

type Cited = { citations: Parameters<typeof citationsOf>[0]; inferences?: { field: string; reasoning: string }[] | null };

/** A fact input as the write functions take it: citations by source ID, inferences as a record, references by ID. */
export function factOf<T extends Cited>(fact: T, references: Record<string, { id: string } | undefined> = {}) {
  const refs = Object.fromEntries(Object.entries(references).map(([k, v]) => [k, v?.id]));
  return { ...fact, ...refs, citations: citationsOf(fact.citations) ?? [], inferences: inferencesOf(fact.inferences) } as Record<string, unknown> & { citations: unknown[] };
}
