// The database enums, exposed with a description for each value (analysts read them in GraphiQL).
import {
  AliasKind, AliasQuality, AreaRole, Attribution, DatePrecision, DateQualifier, DesignationAuthority, EstimateKind,
  FundingKind, FundingSignificance, IdentifierScheme, IncidentKind, IncidentRole, MembershipRole, OrganizationKind,
  OrganizationStatus, ParticipantRole, PersonStatus, QuantityQualifier, RelationType, SourceKind, TargetKind,
} from '../generated/prisma/enums.js';
import { builder } from './builder.js';

function enumType<const E extends Record<string, string>>(
  name: string,
  values: E,
  description: string,
  valueDescriptions: { [K in keyof E]: string },
) {
  const described = Object.fromEntries(Object.entries(valueDescriptions).map(([key, text]) => [key, { description: text }]));
  // The options type is conditional on E and cannot be resolved inside a generic function.
  return builder.enumType(values, { name, description, values: described } as never);
}

export const DatePrecisionEnum = enumType('DatePrecision', DatePrecision, 'How precisely a source states a date.', {
  YEAR: 'Only the year is known ("2017").',
  MONTH: 'The year and month are known ("2017-03").',
  DAY: 'The exact day is known ("2017-03-02").',
});

export const DateQualifierEnum = enumType('DateQualifier', DateQualifier, 'How certain a stated date is.', {
  EXACT: 'The source states the date as fact.',
  APPROXIMATE: 'The source gives the date as approximate ("around 1958").',
  BETWEEN: 'The date lies somewhere between `earliest` and `latest`.',
  BEFORE: 'On or before `latest`; `earliest` is open ("France on 13 November 2020 announced the killing").',
  AFTER: 'On or after `earliest`; `latest` is open.',
});

export const QuantityQualifierEnum = enumType('QuantityQualifier', QuantityQualifier, 'How a number relates to the source’s words.', {
  EXACT: 'The source gives this figure (`min` = `max`).',
  APPROXIMATE: 'The source gives it as approximate ("around 200", "some 200"); `min` and `max` bound the figure given.',
  BETWEEN: 'The source gives a range ("between 1,000 and 2,000").',
  AT_LEAST: '"At least" `min`; `max` is null.',
  MORE_THAN: '"More than" `min` (the figure itself excluded); `max` is null.',
  AT_MOST: '"At most" / "up to" `max`; `min` is null.',
  LESS_THAN: '"Less than" `max` (the figure itself excluded); `min` is null.',
});

export const TemporalCertaintyEnum = builder.enumType('TemporalCertainty', {
  description: 'How firmly the known dates place a role, tie or area at the time asked about (`asOf`, `current`).',
  values: {
    CERTAIN: { description: 'The known dates place it in effect then.' },
    POSSIBLE: { description: 'Its unknown dates (no start, no end, an open bound, an undated death) do not exclude it.' },
  } as const,
});

export const SourceKindEnum = enumType('SourceKind', SourceKind, 'What kind of publisher a source comes from.', {
  UN: 'United Nations bodies: sanctions lists, Monitoring Team reports.',
  GOVERNMENT: 'A government: designations, statements, official reports.',
  RESEARCH: 'Research institutes and academic datasets (ACLED, GTD, Mapping Militants).',
  NEWS: 'News media.',
  REFERENCE: 'Reference works and compilations.',
});

export const OrganizationKindEnum = enumType('OrganizationKind', OrganizationKind, 'What sort of organization this is.', {
  COALITION: 'An alliance of groups that keep their own identity (JNIM).',
  GROUP: 'An armed group with its own identity and leadership.',
  FACTION: 'A katiba or faction inside a larger group or coalition (Katiba Macina).',
  BRANCH: 'A regional branch or emirate of a larger group (AQIM’s Sahara Emirate).',
  NETWORK: 'A transnational network of groups (al-Qa’ida).',
  STATE_FORCE: 'A state’s military or security force (Barkhane, national armies).',
  STATE: 'A state acting as such, when the source names the country rather than a force ("France announced").',
  MOVEMENT: 'A political-military movement (the Taliban).',
  POLITICAL_MILITIA: 'An armed group serving a political elite or party, not seeking to replace the government (ACLED’s political militias).',
  IDENTITY_MILITIA: 'An armed group organised around an ethnic, communal or local identity: dozos, self-defence groups (ACLED’s identity militias).',
  EXTERNAL_FORCE: 'An international force or mission that is not one state’s force (MINUSMA), or another armed outsider (ACLED’s external/other forces).',
  CIVILIAN_GROUP: 'Unarmed people as a group: a community, an occupation, a humanitarian body (ACLED’s civilians). Never an armed actor.',
  CROWD: 'Rioters or protesters (ACLED’s types 5 and 6).',
  COMPANY: 'A company, bank or trading firm.',
  CHARITY: 'A charity, foundation or relief organisation.',
  GOVERNMENT_BODY: 'A ministry, agency or office of a state, other than its armed forces.',
  UNKNOWN: 'No source says what sort of organization it is.',
});

export const IncidentRoleEnum = enumType('IncidentRole', IncidentRole, 'An organization’s part in an incident, as its source defines the actors’ roles.', {
  ACTED: 'It carried out the act: the attacker, the kidnapper, the one who struck. The incident’s `perpetrators`.',
  ACTED_ON: 'The act was done to it: the attacked, the struck, the abducted.',
  SIDE: 'A side of a clash between armed actors (an ACLED battle): neither attacker nor attacked.',
  PARTY: 'Named in the incident, its part not stated.',
});

export const OrganizationStatusEnum = enumType('OrganizationStatus', OrganizationStatus, 'Whether an organization still operates.', {
  ACTIVE: 'Operating at the latest report.',
  INACTIVE: 'No longer operating, without formal dissolution.',
  MERGED: 'Merged into another organization.',
  DISSOLVED: 'Formally dissolved or destroyed.',
  UNKNOWN: 'The sources leave the current status open.',
});

export const AreaRoleEnum = enumType('AreaRole', AreaRole, 'An organization’s relation to a country or region.', {
  BASE: 'Where the organization is based.',
  STRONGHOLD: 'A stronghold or safe haven.',
  ACTIVE: 'Where it operates.',
  EXPANDING: 'Where it is expanding into.',
  THREATENED: 'Where its expansion or influence is reported as a threat.',
});

export const RelationTypeEnum = enumType('RelationType', RelationType, 'A directed tie from one organization to another.', {
  COMPONENT_OF: 'The source organization is a component of the target (JNIM’s four founding groups).',
  ALLEGIANCE_TO: 'The source organization pledged allegiance to the target or its leader.',
  BRANCH_OF: 'The source organization is a branch of the target.',
  SUCCESSOR_OF: 'The source organization succeeds the target.',
  AFFILIATE_OF: 'The source organization is an affiliate of the target.',
  MENTORED_BY: 'The source organization is mentored by the target.',
  RIVAL_OF: 'The two organizations are rivals.',
  COOPERATES_WITH: 'The two organizations cooperate operationally.',
  LINKED_TO: 'The sources report a link without saying which kind.',
  MERGED_WITH: 'The two organizations merged, at least in part (Mapping Militants "merger").',
  SPLIT_FROM: 'The source organization split from the target (Mapping Militants "split").',
  ALLIED_WITH: 'The two organizations were allied (Mapping Militants "alliance").',
});

export const AliasKindEnum = enumType('AliasKind', AliasKind, 'How an alias relates to the canonical name.', {
  CANONICAL: 'The canonical name itself, as a searchable alias.',
  ACRONYM: 'An acronym (JNIM, GSIM, FLM).',
  TRANSLITERATION: 'Another romanisation of a name written in another script.',
  TRANSLATION: 'A translation into another language.',
  FORMER_NAME: 'A name used before a renaming or merger.',
  NOM_DE_GUERRE: 'A nom de guerre or kunya.',
  SPELLING_VARIANT: 'Another spelling of the same name.',
  ALTERNATIVE_NAME: 'A different name for the same entity.',
  ORIGINAL_SCRIPT: 'The name in its original script (Arabic, Tifinagh).',
});

export const AliasQualityEnum = enumType('AliasQuality', AliasQuality, 'How much an alias alone identifies its entity.', {
  STRONG: 'Identifies the entity on its own.',
  WEAK: 'A low-quality name (as the UN list marks them) or a bare nom de guerre: never decisive alone.',
});

export const PersonStatusEnum = enumType('PersonStatus', PersonStatus, 'Whether a person is alive, dead or held.', {
  ALIVE: 'Alive at the latest report.',
  DECEASED: 'Reported dead.',
  DETAINED: 'Reported detained.',
  UNKNOWN: 'The sources do not say.',
});

export const MembershipRoleEnum = enumType('MembershipRole', MembershipRole, 'A person’s role in an organization.', {
  LEADER: 'Leader or amir.',
  FOUNDER: 'Founder or founding member.',
  MILITARY_COMMANDER: 'Military commander.',
  OPERATIONAL_LEADER: 'Operational leader.',
  DEPUTY: 'Deputy leader.',
  LIEUTENANT: 'Lieutenant of the leader.',
  EXECUTIVE: 'Member of the leadership or an executive body.',
  MEMBER: 'Member.',
  ASSOCIATE: 'Associate without formal membership.',
});

export const DesignationAuthorityEnum = enumType('DesignationAuthority', DesignationAuthority, 'Who listed an organization or person.', {
  UN_SECURITY_COUNCIL: 'The UN Security Council (ISIL (Da’esh) and Al-Qaida sanctions list, resolution 1267).',
  UNITED_STATES: 'The United States (State Department FTO list, Treasury SDN list).',
  EUROPEAN_UNION: 'The European Union.',
  UNITED_KINGDOM: 'The United Kingdom.',
  FRANCE: 'France.',
  OTHER: 'Another authority (see `program`).',
});

export const EstimateKindEnum = enumType('EstimateKind', EstimateKind, 'What a quantitative estimate measures.', {
  FIGHTERS: 'Number of fighters.',
  ANNUAL_REVENUE: 'Revenue per year, in the currency given by `unit`.',
  SHARE_OF_VIOLENCE: 'Share of violent events attributed, in percent.',
  RANSOM: 'A ransom paid (or received), in the currency given by `unit`.',
  RANSOM_DEMANDED: 'A ransom demanded, in the currency given by `unit`: what was asked, not what was paid (GTD `ransomamt`).',
  PRISONERS_RELEASED: 'Number of prisoners released.',
  FORCES_KILLED: 'Members of defence and security forces killed.',
  HOSTAGES: 'Hostages or kidnapping victims taken in an incident.',
});

export const IncidentKindEnum = enumType('IncidentKind', IncidentKind, 'What happened in an incident.', {
  ATTACK: 'An attack whose method the source does not state.',
  ARMED_ASSAULT: 'An assault with firearms or other weapons.',
  SUICIDE_BOMBING: 'A suicide attack or bombing.',
  VEHICLE_BOMB: 'A car or truck bomb.',
  BOMBING: 'A bombing or explosive device (IED, landmine).',
  KIDNAPPING: 'A kidnapping or hostage taking.',
  HOSTAGE_RELEASE: 'A release of hostages.',
  PRISONER_EXCHANGE: 'A release of hostages against prisoners (and possibly ransom).',
  TARGETED_KILLING: 'The killing of a named person, including by state forces.',
  COORDINATED_ATTACK: 'Several coordinated attacks.',
  MILITARY_OPERATION: 'A state military operation.',
});

export const TargetKindEnum = enumType('TargetKind', TargetKind, 'Who or what an incident targeted.', {
  MILITARY: 'National armed forces or a military base.',
  FOREIGN_MILITARY: 'Foreign armed forces (French, international coalitions).',
  PEACEKEEPERS: 'UN peacekeepers.',
  POLICE: 'Police and gendarmerie.',
  GOVERNMENT: 'Government officials or buildings.',
  CIVILIANS: 'Local civilians.',
  FOREIGN_CIVILIANS: 'Foreign civilians.',
  TOURISTS: 'Tourists and places they frequent.',
  BUSINESS: 'Businesses.',
  RESIDENTIAL: 'Residential buildings.',
  MILITANTS: 'Members of armed groups.',
});

export const AttributionEnum = enumType('Attribution', Attribution, 'How firmly an incident is tied to an organization.', {
  CLAIMED: 'The organization claimed responsibility.',
  ATTRIBUTED: 'Sources attribute it to the organization.',
  SUSPECTED: 'The organization is suspected or "presumed".',
});

export const ParticipantRoleEnum = enumType('ParticipantRole', ParticipantRole, 'A person’s part in an incident.', {
  LEADER: 'Led the operation.',
  PERPETRATOR: 'Took part in carrying it out.',
  TARGET: 'The person targeted.',
  VICTIM: 'Harmed in the incident.',
  HOSTAGE: 'Held hostage.',
  RELEASED_PRISONER: 'A prisoner released.',
  ANNOUNCER: 'Announced or claimed the incident.',
  NEGOTIATOR: 'Negotiated an outcome.',
});

export const FundingKindEnum = enumType('FundingKind', FundingKind, 'How money reaches an organization.', {
  TRANSIT_EXTORTION: 'Extortion on the transit routes it controls.',
  KIDNAPPING_FOR_RANSOM: 'Ransoms for captives.',
  TAXATION: 'Taxes levied on local populations (zakat).',
  SMUGGLING: 'Smuggling goods or weapons.',
  TRAFFICKING_TAX: 'Taxes or extortion on human and drug traffickers.',
  ARTISANAL_MINING: 'Extortion or taxation of artisanal mining.',
  EXTERNAL_SUPPORT: 'Money from outside backers.',
});

export const FundingSignificanceEnum = enumType('FundingSignificance', FundingSignificance, 'How much a stream weighs in the whole.', {
  PRIMARY: 'A main source of revenue ("mostly through").',
  SECONDARY: 'A lesser source ("to a lesser extent").',
  MINOR: 'A marginal source.',
  UNKNOWN: 'The sources do not weigh it.',
});

export const IdentifierSchemeEnum = enumType('IdentifierScheme', IdentifierScheme, 'A dataset whose identifiers we record.', {
  UN_REFERENCE: 'UN Security Council consolidated list reference ("QDe.159").',
  ACLED_ACTOR: 'ACLED actor name.',
  GTD_GROUP: 'Global Terrorism Database group name.',
  MMP_GROUP: 'Stanford Mapping Militants group id.',
  WIKIDATA: 'Wikidata item ("Q...").',
});
