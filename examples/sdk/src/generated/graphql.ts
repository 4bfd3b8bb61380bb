/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** Facts to add to an organization; one already held (same natural key) is cited again, not doubled. */
export type AddOrganizationFactsInput = {
  /** Other names. */
  aliases?: Array<AliasInput> | null | undefined;
  /** Where it operates. */
  areas?: Array<AreaInput> | null | undefined;
  /** Listings. */
  designations?: Array<DesignationInput> | null | undefined;
  /** Figures. */
  estimates?: Array<EstimateInput> | null | undefined;
  /** The organization. */
  organization: string | number;
  /** Why: kept in the revision. */
  reason?: string | null | undefined;
  /** Ties to other organizations. */
  relations?: Array<RelationInput> | null | undefined;
};

/** Another name of an organization or person. */
export type AliasInput = {
  /** The passages that state it (at least one). */
  citations: Array<CitationInput>;
  /** How it relates to the canonical name. */
  kind: AliasKind;
  /** BCP 47 tag: "en", "fr", "ar", "ar-Latn". */
  language?: string | null | undefined;
  /** The name, as the source writes it. */
  name: string;
  /** WEAK for a list's low-quality name or a bare nom de guerre. */
  quality?: AliasQuality | null | undefined;
};

/** How an alias relates to the canonical name. */
export type AliasKind =
  /** An acronym (JNIM, GSIM, FLM). */
  | 'ACRONYM'
  /** A different name for the same entity. */
  | 'ALTERNATIVE_NAME'
  /** The canonical name itself, as a searchable alias. */
  | 'CANONICAL'
  /** A name used before a renaming or merger. */
  | 'FORMER_NAME'
  /** A nom de guerre or kunya. */
  | 'NOM_DE_GUERRE'
  /** The name in its original script (Arabic, Tifinagh). */
  | 'ORIGINAL_SCRIPT'
  /** Another spelling of the same name. */
  | 'SPELLING_VARIANT'
  /** A translation into another language. */
  | 'TRANSLATION'
  /** Another romanisation of a name written in another script. */
  | 'TRANSLITERATION';

/** How much an alias alone identifies its entity. */
export type AliasQuality =
  /** Identifies the entity on its own. */
  | 'STRONG'
  /** A low-quality name (as the UN list marks them) or a bare nom de guerre: never decisive alone. */
  | 'WEAK';

/** Where an organization operates, is based or is active. */
export type AreaInput = {
  /** The passages that state it (at least one). */
  citations: Array<CitationInput>;
  /** ISO 3166-1 alpha-2 code, "ML". */
  country: string;
  /** Until when. */
  end?: string | null | undefined;
  /** Values no passage states but the text implies, each with its reasoning. */
  inferences?: Array<InferenceInput> | null | undefined;
  /** The region within the country, as the source names it. */
  region?: string | null | undefined;
  /** Its relation to the place. */
  role: AreaRole;
  /** Since when ("2017", "2017-03"). */
  start?: string | null | undefined;
};

/** An organization’s relation to a country or region. */
export type AreaRole =
  /** Where it operates. */
  | 'ACTIVE'
  /** Where the organization is based. */
  | 'BASE'
  /** Where it is expanding into. */
  | 'EXPANDING'
  /** A stronghold or safe haven. */
  | 'STRONGHOLD'
  /** Where its expansion or influence is reported as a threat. */
  | 'THREATENED';

/** How firmly an incident is tied to an organization. */
export type Attribution =
  /** Sources attribute it to the organization. */
  | 'ATTRIBUTED'
  /** The organization claimed responsibility. */
  | 'CLAIMED'
  /** The organization is suspected or "presumed". */
  | 'SUSPECTED';

/** The passage of a source that states a fact. Every fact needs one; the quote must be verbatim in the source's text when it has one. */
export type CitationInput = {
  /** Who the source says made the statement, when the cited sentence or the one before names them. */
  attributedTo?: string | null | undefined;
  /** Where in the source: page, paragraph, section. */
  locator?: string | null | undefined;
  /** The passage, verbatim. */
  quote: string;
  /** The source (`createSource` makes one). */
  source: string | number;
  /** Fields of the record this passage states besides the record itself: status, summary, ideology, biography, role, kind, targets. */
  supports?: Array<string> | null | undefined;
};

/** A new source, in the seed's notation. */
export type CreateSourceInput = {
  /** What the document is and covers. */
  description?: string | null | undefined;
  /** What kind of publisher. */
  kind: SourceKind;
  /** When, as precisely as the document says: "2026", "2026-05", "2026-05-14". */
  published?: string | null | undefined;
  /** Who published it. */
  publisher?: string | null | undefined;
  /** Why: kept in the revision. */
  reason?: string | null | undefined;
  /** Short stable key: lowercase ASCII words joined by hyphens ("crisis-group-2026-05"). */
  slug: string;
  /** The document's text (up to 1,000,000 characters): quotes citing it must be passages of it. */
  text?: string | null | undefined;
  /** Title of the document. */
  title: string;
  /** Where it can be read. */
  url?: string | null | undefined;
};

/** How precisely a source states a date. */
export type DatePrecision =
  /** The exact day is known ("2017-03-02"). */
  | 'DAY'
  /** The year and month are known ("2017-03"). */
  | 'MONTH'
  /** Only the year is known ("2017"). */
  | 'YEAR';

/** How certain a stated date is. */
export type DateQualifier =
  /** On or after `earliest`; `latest` is open. */
  | 'AFTER'
  /** The source gives the date as approximate ("around 1958"). */
  | 'APPROXIMATE'
  /** On or before `latest`; `earliest` is open ("France on 13 November 2020 announced the killing"). */
  | 'BEFORE'
  /** The date lies somewhere between `earliest` and `latest`. */
  | 'BETWEEN'
  /** The source states the date as fact. */
  | 'EXACT';

/** Who listed an organization or person. */
export type DesignationAuthority =
  /** The European Union. */
  | 'EUROPEAN_UNION'
  /** France. */
  | 'FRANCE'
  /** Another authority (see `program`). */
  | 'OTHER'
  /** The United Kingdom. */
  | 'UNITED_KINGDOM'
  /** The United States (State Department FTO list, Treasury SDN list). */
  | 'UNITED_STATES'
  /** The UN Security Council (ISIL (Da’esh) and Al-Qaida sanctions list, resolution 1267). */
  | 'UN_SECURITY_COUNCIL';

/** A listing by a sanctions or terrorism authority. */
export type DesignationInput = {
  /** Who listed it. */
  authority: DesignationAuthority;
  /** The passages that state it (at least one). */
  citations: Array<CitationInput>;
  /** When delisted. */
  delisted?: string | null | undefined;
  /** Values no passage states but the text implies, each with its reasoning. */
  inferences?: Array<InferenceInput> | null | undefined;
  /** When listed. */
  listed?: string | null | undefined;
  /** Under which programme. */
  program: string;
  /** The list's reference ("QDe.159"). */
  reference?: string | null | undefined;
};

/** Narrows a list of estimates; all given conditions must hold. */
export type EstimateFilter = {
  /** About this country (ISO 3166-1 alpha-2, "ML"). */
  country?: string | null | undefined;
  /** Whose period (from `periodStart`, or `asOf`, to `asOf`) may reach this date or later; undated figures never match. */
  from?: string | null | undefined;
  /** Any of these kinds. */
  kind?: Array<EstimateKind> | null | undefined;
  /** About the organization with this slug: directly ("jnim" for its fighters) or through one of its funding streams. */
  subject?: string | null | undefined;
  /** Whose period may begin on or before this date. */
  to?: string | null | undefined;
};

/** A figure a source gives: fighters, revenue, casualties. */
export type EstimateInput = {
  /** When it held. */
  asOf?: string | null | undefined;
  /** The passages that state it (at least one). */
  citations: Array<CitationInput>;
  /** ISO 3166-1 alpha-2 code, when it is about one country. */
  country?: string | null | undefined;
  /** Values no passage states but the text implies, each with its reasoning. */
  inferences?: Array<InferenceInput> | null | undefined;
  /** What it measures. */
  kind: EstimateKind;
  /** The upper bound. */
  max?: number | null | undefined;
  /** The figure, or its lower bound. */
  min?: number | null | undefined;
  /** The start of the period it covers. */
  periodStart?: string | null | undefined;
  /** How the figure relates to what the source says. */
  qualifier?: QuantityQualifier | null | undefined;
  /** What the figure covers, in the source's words. */
  scope?: string | null | undefined;
  /** "fighters", "USD", "EUR per year". */
  unit: string;
};

/** What a quantitative estimate measures. */
export type EstimateKind =
  /** Revenue per year, in the currency given by `unit`. */
  | 'ANNUAL_REVENUE'
  /** Number of fighters. */
  | 'FIGHTERS'
  /** Members of defence and security forces killed. */
  | 'FORCES_KILLED'
  /** Hostages or kidnapping victims taken in an incident. */
  | 'HOSTAGES'
  /** Number of prisoners released. */
  | 'PRISONERS_RELEASED'
  /** A ransom paid (or received), in the currency given by `unit`. */
  | 'RANSOM'
  /** A ransom demanded, in the currency given by `unit`: what was asked, not what was paid (GTD `ransomamt`). */
  | 'RANSOM_DEMANDED'
  /** Share of violent events attributed, in percent. */
  | 'SHARE_OF_VIOLENCE';

/** Narrows a list of incidents; all given conditions must hold. */
export type IncidentFilter = {
  /** Carried out by an organization (the `perpetrator`, when given) tied this way. */
  attribution?: Array<Attribution> | null | undefined;
  /** ISO 3166-1 alpha-2 country code ("ML"). */
  country?: string | null | undefined;
  /** May have happened on or after this date ("2018", "2018-06", "2018-06-15"); undated incidents never match. */
  from?: string | null | undefined;
  /** A date open on one side ("on or before 2020-11-13") matches `from`/`to` only when the period holds all of it; true also matches those whose open side may reach into the period. */
  includeOpenDates?: boolean | null | undefined;
  /** Any of these kinds. */
  kind?: Array<IncidentKind> | null | undefined;
  /** At least this many killed, by the lower bound of the count. */
  minKilled?: number | null | undefined;
  /** The organization with this slug took part, in one of the `role` parts (any part when `role` is not given). */
  party?: string | null | undefined;
  /** Carried out by the organization with this slug ("jnim"): its part is ACTED. */
  perpetrator?: string | null | undefined;
  /** An organization (the `party`, when given) took one of these parts: [ACTED_ON] is what was done to it, [SIDE] the clashes it fought. */
  role?: Array<IncidentRole> | null | undefined;
  /** Cited from the source with this slug: what one import brought ("acled-..."). */
  source?: string | null | undefined;
  /** Targeted any of these. */
  target?: Array<TargetKind> | null | undefined;
  /** May have happened on or before this date. */
  to?: string | null | undefined;
};

/** What happened in an incident. */
export type IncidentKind =
  /** An assault with firearms or other weapons. */
  | 'ARMED_ASSAULT'
  /** An attack whose method the source does not state. */
  | 'ATTACK'
  /** A bombing or explosive device (IED, landmine). */
  | 'BOMBING'
  /** Several coordinated attacks. */
  | 'COORDINATED_ATTACK'
  /** A release of hostages. */
  | 'HOSTAGE_RELEASE'
  /** A kidnapping or hostage taking. */
  | 'KIDNAPPING'
  /** A state military operation. */
  | 'MILITARY_OPERATION'
  /** A release of hostages against prisoners (and possibly ransom). */
  | 'PRISONER_EXCHANGE'
  /** A suicide attack or bombing. */
  | 'SUICIDE_BOMBING'
  /** The killing of a named person, including by state forces. */
  | 'TARGETED_KILLING'
  /** A car or truck bomb. */
  | 'VEHICLE_BOMB';

/** An organization’s part in an incident, as its source defines the actors’ roles. */
export type IncidentRole =
  /** It carried out the act: the attacker, the kidnapper, the one who struck. The incident’s `perpetrators`. */
  | 'ACTED'
  /** The act was done to it: the attacked, the struck, the abducted. */
  | 'ACTED_ON'
  /** Named in the incident, its part not stated. */
  | 'PARTY'
  /** A side of a clash between armed actors (an ACLED battle): neither attacker nor attacked. */
  | 'SIDE';

/** A value no passage states but the text implies, stored only marked as inferred, with the reasoning. */
export type InferenceInput = {
  /** The field inferred: "founded", "date", "killed", "min". */
  field: string;
  /** How the text implies it. */
  reasoning: string;
};

/** A person’s role in an organization. */
export type MembershipRole =
  /** Associate without formal membership. */
  | 'ASSOCIATE'
  /** Deputy leader. */
  | 'DEPUTY'
  /** Member of the leadership or an executive body. */
  | 'EXECUTIVE'
  /** Founder or founding member. */
  | 'FOUNDER'
  /** Leader or amir. */
  | 'LEADER'
  /** Lieutenant of the leader. */
  | 'LIEUTENANT'
  /** Member. */
  | 'MEMBER'
  /** Military commander. */
  | 'MILITARY_COMMANDER'
  /** Operational leader. */
  | 'OPERATIONAL_LEADER';

/** What sort of organization this is. */
export type OrganizationKind =
  /** A regional branch or emirate of a larger group (AQIM’s Sahara Emirate). */
  | 'BRANCH'
  /** A charity, foundation or relief organisation. */
  | 'CHARITY'
  /** Unarmed people as a group: a community, an occupation, a humanitarian body (ACLED’s civilians). Never an armed actor. */
  | 'CIVILIAN_GROUP'
  /** An alliance of groups that keep their own identity (JNIM). */
  | 'COALITION'
  /** A company, bank or trading firm. */
  | 'COMPANY'
  /** Rioters or protesters (ACLED’s types 5 and 6). */
  | 'CROWD'
  /** An international force or mission that is not one state’s force (MINUSMA), or another armed outsider (ACLED’s external/other forces). */
  | 'EXTERNAL_FORCE'
  /** A katiba or faction inside a larger group or coalition (Katiba Macina). */
  | 'FACTION'
  /** A ministry, agency or office of a state, other than its armed forces. */
  | 'GOVERNMENT_BODY'
  /** An armed group with its own identity and leadership. */
  | 'GROUP'
  /** An armed group organised around an ethnic, communal or local identity: dozos, self-defence groups (ACLED’s identity militias). */
  | 'IDENTITY_MILITIA'
  /** A political-military movement (the Taliban). */
  | 'MOVEMENT'
  /** A transnational network of groups (al-Qa’ida). */
  | 'NETWORK'
  /** An armed group serving a political elite or party, not seeking to replace the government (ACLED’s political militias). */
  | 'POLITICAL_MILITIA'
  /** A state acting as such, when the source names the country rather than a force ("France announced"). */
  | 'STATE'
  /** A state’s military or security force (Barkhane, national armies). */
  | 'STATE_FORCE'
  /** No source says what sort of organization it is. */
  | 'UNKNOWN';

/** Whether a person is alive, dead or held. */
export type PersonStatus =
  /** Alive at the latest report. */
  | 'ALIVE'
  /** Reported dead. */
  | 'DECEASED'
  /** Reported detained. */
  | 'DETAINED'
  /** The sources do not say. */
  | 'UNKNOWN';

/** How a number relates to the source’s words. */
export type QuantityQualifier =
  /** The source gives it as approximate ("around 200", "some 200"); `min` and `max` bound the figure given. */
  | 'APPROXIMATE'
  /** "At least" `min`; `max` is null. */
  | 'AT_LEAST'
  /** "At most" / "up to" `max`; `min` is null. */
  | 'AT_MOST'
  /** The source gives a range ("between 1,000 and 2,000"). */
  | 'BETWEEN'
  /** The source gives this figure (`min` = `max`). */
  | 'EXACT'
  /** "Less than" `max` (the figure itself excluded); `min` is null. */
  | 'LESS_THAN'
  /** "More than" `min` (the figure itself excluded); `max` is null. */
  | 'MORE_THAN';

/** A directed tie from the organization to another. */
export type RelationInput = {
  /** The passages that state it (at least one). */
  citations: Array<CitationInput>;
  /** What the source says of the tie. */
  description?: string | null | undefined;
  /** Until when. */
  end?: string | null | undefined;
  /** Values no passage states but the text implies, each with its reasoning. */
  inferences?: Array<InferenceInput> | null | undefined;
  /** Since when. */
  start?: string | null | undefined;
  /** The other organization. */
  to: string | number;
  /** The kind of tie, read from this organization: COMPONENT_OF, SPLIT_FROM, ... */
  type: RelationType;
};

/** A directed tie from one organization to another. */
export type RelationType =
  /** The source organization is an affiliate of the target. */
  | 'AFFILIATE_OF'
  /** The source organization pledged allegiance to the target or its leader. */
  | 'ALLEGIANCE_TO'
  /** The two organizations were allied (Mapping Militants "alliance"). */
  | 'ALLIED_WITH'
  /** The source organization is a branch of the target. */
  | 'BRANCH_OF'
  /** The source organization is a component of the target (JNIM’s four founding groups). */
  | 'COMPONENT_OF'
  /** The two organizations cooperate operationally. */
  | 'COOPERATES_WITH'
  /** The sources report a link without saying which kind. */
  | 'LINKED_TO'
  /** The source organization is mentored by the target. */
  | 'MENTORED_BY'
  /** The two organizations merged, at least in part (Mapping Militants "merger"). */
  | 'MERGED_WITH'
  /** The two organizations are rivals. */
  | 'RIVAL_OF'
  /** The source organization split from the target (Mapping Militants "split"). */
  | 'SPLIT_FROM'
  /** The source organization succeeds the target. */
  | 'SUCCESSOR_OF';

/** What happened to the record. */
export type RevisionOperation =
  /** It was removed (its last values are in `before`). */
  | 'DELETE'
  /** It was created. */
  | 'INSERT'
  /** Its values changed. */
  | 'UPDATE';

/** What kind of publisher a source comes from. */
export type SourceKind =
  /** A government: designations, statements, official reports. */
  | 'GOVERNMENT'
  /** News media. */
  | 'NEWS'
  /** Reference works and compilations. */
  | 'REFERENCE'
  /** Research institutes and academic datasets (ACLED, GTD, Mapping Militants). */
  | 'RESEARCH'
  /** United Nations bodies: sanctions lists, Monitoring Team reports. */
  | 'UN';

/** Who or what an incident targeted. */
export type TargetKind =
  /** Businesses. */
  | 'BUSINESS'
  /** Local civilians. */
  | 'CIVILIANS'
  /** Foreign civilians. */
  | 'FOREIGN_CIVILIANS'
  /** Foreign armed forces (French, international coalitions). */
  | 'FOREIGN_MILITARY'
  /** Government officials or buildings. */
  | 'GOVERNMENT'
  /** Members of armed groups. */
  | 'MILITANTS'
  /** National armed forces or a military base. */
  | 'MILITARY'
  /** UN peacekeepers. */
  | 'PEACEKEEPERS'
  /** Police and gendarmerie. */
  | 'POLICE'
  /** Residential buildings. */
  | 'RESIDENTIAL'
  /** Tourists and places they frequent. */
  | 'TOURISTS';

/** How firmly the known dates place a role, tie or area at the time asked about (`asOf`, `current`). */
export type TemporalCertainty =
  /** The known dates place it in effect then. */
  | 'CERTAIN'
  /** Its unknown dates (no start, no end, an open bound, an undated death) do not exclude it. */
  | 'POSSIBLE';

export type EstimatesQueryVariables = Exact<{
  filter?: EstimateFilter | null | undefined;
  first?: number | null | undefined;
}>;


export type EstimatesQuery = { estimates: { totalCount: number, edges: Array<{ node: { kind: EstimateKind, min: number | null, max: number | null, qualifier: QuantityQualifier, unit: string, country: string | null, scope: string | null, periodStart: { iso: string } | null, organization: { slug: string, name: string } | null, citations: Array<{ quote: string }> } }> } };

export type IncidentPageQueryVariables = Exact<{
  filter?: IncidentFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type IncidentPageQuery = { incidents: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, slug: string, title: string, kind: IncidentKind, country: string | null, date: { iso: string, precision: DatePrecision, qualifier: DateQualifier, inferred: boolean, inference: string | null } | null, killed: { min: number | null, max: number | null, qualifier: QuantityQualifier } | null, perpetrators: Array<{ attribution: Attribution, organization: { slug: string } }> } }> } };

export type IncidentsPerYearQueryVariables = Exact<{
  filter?: IncidentFilter | null | undefined;
}>;


export type IncidentsPerYearQuery = { incidentStats: Array<{ key: string | null, incidentCount: number, killedUnknownCount: number, killed: { min: number | null, max: number | null } | null }> };

export type CoalitionComponentsQueryVariables = Exact<{
  slug: string;
  asOf?: string | null | undefined;
}>;


export type CoalitionComponentsQuery = { organization: { id: string, name: string, founded: { iso: string, precision: DatePrecision } | null, components: Array<{ slug: string, name: string, kind: OrganizationKind, leaders: Array<{ role: MembershipRole, certainty: TemporalCertainty | null, start: { iso: string } | null, end: { iso: string } | null, person: { name: string, status: PersonStatus, died: { iso: string, qualifier: DateQualifier } | null } }>, citations: Array<{ quote: string, source: { title: string } }> }> } | null };

export type CreateSourceMutationVariables = Exact<{
  input: CreateSourceInput;
}>;


export type CreateSourceMutation = { createSource:
    | { __typename: 'ConflictRefusal', code: string, message: string, field: string | null }
    | { __typename: 'CreateSourcePayload', source: { id: string, slug: string } }
    | { __typename: 'InvalidInputRefusal', code: string, message: string, field: string | null }
    | { __typename: 'NotFoundRefusal', code: string, message: string, field: string | null }
    | { __typename: 'ProvenanceRefusal', code: string, message: string, field: string | null }
   };

export type AddOrganizationFactsMutationVariables = Exact<{
  input: AddOrganizationFactsInput;
}>;


export type AddOrganizationFactsMutation = { addOrganizationFacts:
    | { __typename: 'ConflictRefusal', code: string, message: string, field: string | null }
    | { __typename: 'InvalidInputRefusal', code: string, message: string, field: string | null }
    | { __typename: 'NotFoundRefusal', code: string, message: string, field: string | null }
    | { __typename: 'OrganizationPayload', organization: { slug: string, revision: unknown, aliases: Array<{ name: string }> }, revisions: Array<{ sequence: unknown, recordType: string, operation: RevisionOperation }> }
    | { __typename: 'ProvenanceRefusal', code: string, message: string, field: string | null, findings: Array<{ rule: string, record: string, field: string, message: string }> }
   };

export type EntityChangedSubscriptionVariables = Exact<{
  id: string | number;
}>;


export type EntityChangedSubscription = { entityChanged: { sequence: unknown, at: unknown, actor: string, action: string | null, recordType: string, operation: RevisionOperation } };


export const EstimatesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Estimates"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"EstimateFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"estimates"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"min"}},{"kind":"Field","name":{"kind":"Name","value":"max"}},{"kind":"Field","name":{"kind":"Name","value":"qualifier"}},{"kind":"Field","name":{"kind":"Name","value":"unit"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"scope"}},{"kind":"Field","name":{"kind":"Name","value":"periodStart"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"iso"}}]}},{"kind":"Field","name":{"kind":"Name","value":"organization"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"citations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"quote"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<EstimatesQuery, EstimatesQueryVariables>;
export const IncidentPageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"IncidentPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"IncidentFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"incidents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"orderBy"},"value":{"kind":"EnumValue","value":"DATE_DESC"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"date"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"iso"}},{"kind":"Field","name":{"kind":"Name","value":"precision"}},{"kind":"Field","name":{"kind":"Name","value":"qualifier"}},{"kind":"Field","name":{"kind":"Name","value":"inferred"}},{"kind":"Field","name":{"kind":"Name","value":"inference"}}]}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"killed"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"min"}},{"kind":"Field","name":{"kind":"Name","value":"max"}},{"kind":"Field","name":{"kind":"Name","value":"qualifier"}}]}},{"kind":"Field","name":{"kind":"Name","value":"perpetrators"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"attribution"}},{"kind":"Field","name":{"kind":"Name","value":"organization"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<IncidentPageQuery, IncidentPageQueryVariables>;
export const IncidentsPerYearDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"IncidentsPerYear"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"IncidentFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"incidentStats"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"groupBy"},"value":{"kind":"EnumValue","value":"YEAR"}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"incidentCount"}},{"kind":"Field","name":{"kind":"Name","value":"killed"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"min"}},{"kind":"Field","name":{"kind":"Name","value":"max"}}]}},{"kind":"Field","name":{"kind":"Name","value":"killedUnknownCount"}}]}}]}}]} as unknown as DocumentNode<IncidentsPerYearQuery, IncidentsPerYearQueryVariables>;
export const CoalitionComponentsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CoalitionComponents"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"slug"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"asOf"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"organization"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"slug"},"value":{"kind":"Variable","name":{"kind":"Name","value":"slug"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"founded"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"iso"}},{"kind":"Field","name":{"kind":"Name","value":"precision"}}]}},{"kind":"Field","name":{"kind":"Name","value":"components"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"leaders"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"asOf"},"value":{"kind":"Variable","name":{"kind":"Name","value":"asOf"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"certainty"}},{"kind":"Field","name":{"kind":"Name","value":"start"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"iso"}}]}},{"kind":"Field","name":{"kind":"Name","value":"end"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"iso"}}]}},{"kind":"Field","name":{"kind":"Name","value":"person"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"died"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"iso"}},{"kind":"Field","name":{"kind":"Name","value":"qualifier"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"citations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"quote"}},{"kind":"Field","name":{"kind":"Name","value":"source"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<CoalitionComponentsQuery, CoalitionComponentsQueryVariables>;
export const CreateSourceDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateSource"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateSourceInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createSource"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CreateSourcePayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"slug"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WriteError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}}]} as unknown as DocumentNode<CreateSourceMutation, CreateSourceMutationVariables>;
export const AddOrganizationFactsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AddOrganizationFacts"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AddOrganizationFactsInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"addOrganizationFacts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"OrganizationPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"organization"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"revision"}},{"kind":"Field","name":{"kind":"Name","value":"aliases"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"revisions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sequence"}},{"kind":"Field","name":{"kind":"Name","value":"recordType"}},{"kind":"Field","name":{"kind":"Name","value":"operation"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WriteError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ProvenanceRefusal"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"findings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rule"}},{"kind":"Field","name":{"kind":"Name","value":"record"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]}}]} as unknown as DocumentNode<AddOrganizationFactsMutation, AddOrganizationFactsMutationVariables>;
export const EntityChangedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"EntityChanged"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"entityChanged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sequence"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"actor"}},{"kind":"Field","name":{"kind":"Name","value":"action"}},{"kind":"Field","name":{"kind":"Name","value":"recordType"}},{"kind":"Field","name":{"kind":"Name","value":"operation"}}]}}]}}]} as unknown as DocumentNode<EntityChangedSubscription, EntityChangedSubscriptionVariables>;