// The shape of the curated dataset, checked before anything is written.
import { z } from 'zod';
import {
  AliasKind, AliasQuality, AreaRole, Attribution, DesignationAuthority, EstimateKind, FundingKind,
  FundingSignificance, IdentifierScheme, IncidentKind, MembershipRole, OrganizationKind, OrganizationStatus,
  ParticipantRole, PersonStatus, QuantityQualifier, RelationType, SourceKind, TargetKind,
} from '../generated/prisma/enums.js';
import { parsePartialDate } from '../values/partial-date.js';
import { qualifierProblem } from '../values/quantity.js';

const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lowercase ASCII words joined by hyphens');
const country = z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as "ML"');
const text = z.string().trim().min(1);
const partialDate = z.string().superRefine((value, ctx) => {
  try {
    parsePartialDate(value);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message });
  }
});

/** Fields of a record that a passage can be declared to carry, beyond the record itself. */
export const SUPPORTABLE_FIELDS = ['status', 'summary', 'ideology', 'biography', 'role', 'kind', 'targets'] as const;

export const citationSchema = z.strictObject({
  source: slug,
  quote: text,
  locator: text.optional(),
  /** Only when the cited sentence or the one before it names the speaker. */
  attributedTo: text.optional(),
  /** The record's fields this passage states: a status other than UNKNOWN or a free text needs one. */
  supports: z.array(z.enum(SUPPORTABLE_FIELDS)).optional(),
});
const citations = z.array(citationSchema).min(1, 'every fact cites at least one source');

/**
 * Values no passage states but the surrounding text implies, by field name ("date", "killed", "min"),
 * each with its reasoning; validate.ts checks each names a field of the record that holds a value.
 */
const inferences = z.record(z.string(), text).optional();

const qualifier = z.enum(QuantityQualifier).optional();

/** A count: a figure (min = max), a range, or one bound with the qualifier the source's words give. */
const range = z
  .strictObject({ min: z.number().int().min(0), max: z.number().int().min(0).optional(), qualifier })
  .superRefine((r, ctx) => {
    const problem = qualifierProblem(r.min, r.max ?? null, r.qualifier);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const aliasSchema = z.strictObject({
  name: text,
  kind: z.enum(AliasKind),
  language: text.optional(),
  quality: z.enum(AliasQuality).optional(),
  citations,
});

export const designationSchema = z.strictObject({
  authority: z.enum(DesignationAuthority),
  program: text,
  reference: text.optional(),
  listed: partialDate.optional(),
  delisted: partialDate.optional(),
  inferences,
  citations,
});

export const estimateSchema = z
  .strictObject({
    kind: z.enum(EstimateKind),
    min: z.number().min(0).optional(),
    max: z.number().min(0).optional(),
    qualifier,
    unit: text,
    scope: text.optional(),
    country: country.optional(),
    asOf: partialDate.optional(),
    periodStart: partialDate.optional(),
    /** Ties a funding stream's estimate to the incident it was seen in (a ransom). */
    incident: slug.optional(),
    /** The organization a regional figure is about (the forces whose losses it counts). */
    subject: slug.optional(),
    inferences,
    citations,
  })
  .superRefine((e, ctx) => {
    const problem = qualifierProblem(e.min ?? null, e.max ?? null, e.qualifier);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

const externalIdSchema = z.strictObject({ scheme: z.enum(IdentifierScheme), value: text, citations });
const assessmentSchema = z.strictObject({ topic: slug, statement: text, citations });

export const organizationSchema = z.strictObject({
  slug,
  name: text,
  kind: z.enum(OrganizationKind),
  status: z.enum(OrganizationStatus),
  summary: text.optional(),
  ideology: text.optional(),
  founded: partialDate.optional(),
  dissolved: partialDate.optional(),
  inferences,
  citations,
  aliases: z.array(aliasSchema).default([]),
  areas: z
    .array(
      z.strictObject({
        country,
        region: text.optional(),
        role: z.enum(AreaRole),
        start: partialDate.optional(),
        end: partialDate.optional(),
        inferences,
        citations,
      }),
    )
    .default([]),
  relations: z
    .array(
      z.strictObject({
        type: z.enum(RelationType),
        to: slug,
        description: text.optional(),
        start: partialDate.optional(),
        end: partialDate.optional(),
        inferences,
        citations,
      }),
    )
    .default([]),
  designations: z.array(designationSchema).default([]),
  estimates: z.array(estimateSchema).default([]),
  externalIds: z.array(externalIdSchema).default([]),
  assessments: z.array(assessmentSchema).default([]),
});

export const personSchema = z.strictObject({
  slug,
  name: text,
  status: z.enum(PersonStatus),
  nationality: country.optional(),
  biography: text.optional(),
  born: partialDate.optional(),
  died: partialDate.optional(),
  inferences,
  citations,
  aliases: z.array(aliasSchema).default([]),
  memberships: z
    .array(
      z.strictObject({
        organization: slug,
        role: z.enum(MembershipRole),
        title: text.optional(),
        start: partialDate.optional(),
        end: partialDate.optional(),
        inferences,
        citations,
      }),
    )
    .default([]),
  designations: z.array(designationSchema).default([]),
  externalIds: z.array(externalIdSchema).default([]),
  assessments: z.array(assessmentSchema).default([]),
});

export const incidentSchema = z.strictObject({
  slug,
  title: text,
  kind: z.enum(IncidentKind),
  summary: text.optional(),
  date: partialDate.optional(),
  place: text.optional(),
  adminRegion: text.optional(),
  country: country.optional(),
  coordinates: z.strictObject({ latitude: z.number().min(-90).max(90), longitude: z.number().min(-180).max(180) }).optional(),
  killed: range.optional(),
  injured: range.optional(),
  targets: z.array(z.enum(TargetKind)).default([]),
  inferences,
  citations,
  perpetrators: z
    .array(z.strictObject({ organization: slug, attribution: z.enum(Attribution), citations }))
    .default([]),
  participants: z
    .array(z.strictObject({ person: slug, role: z.enum(ParticipantRole), description: text.optional(), citations }))
    .default([]),
  estimates: z.array(estimateSchema).default([]),
});

export const fundingStreamSchema = z.strictObject({
  slug,
  organization: slug,
  kind: z.enum(FundingKind),
  significance: z.enum(FundingSignificance),
  description: text,
  citations,
  estimates: z.array(estimateSchema).default([]),
  incidents: z.array(z.strictObject({ incident: slug, description: text.optional(), citations })).default([]),
});

export const sourceSchema = z.strictObject({
  slug,
  title: text,
  publisher: text.optional(),
  url: z.url().optional(),
  kind: z.enum(SourceKind),
  published: partialDate.optional(),
  description: text.optional(),
  /** File name under src/seed/documents: when given, every quote must occur in it. */
  document: text.optional(),
});

export const datasetSchema = z.strictObject({
  sources: z.array(sourceSchema),
  organizations: z.array(organizationSchema),
  persons: z.array(personSchema),
  incidents: z.array(incidentSchema),
  fundingStreams: z.array(fundingStreamSchema),
  /** Figures about a country or region rather than one organization. */
  estimates: z.array(estimateSchema.refine((e) => e.country !== undefined, 'a regional estimate names its country')).default([]),
});

export type SeedDataset = z.input<typeof datasetSchema>;
export type ParsedDataset = z.output<typeof datasetSchema>;
export type SeedCitation = z.input<typeof citationSchema>;
export type SeedOrganization = z.input<typeof organizationSchema>;
export type SeedPerson = z.input<typeof personSchema>;
export type SeedIncident = z.input<typeof incidentSchema>;
export type SeedFundingStream = z.input<typeof fundingStreamSchema>;
export type SeedSource = z.input<typeof sourceSchema>;
export type SeedEstimate = z.input<typeof estimateSchema>;
