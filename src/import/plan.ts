// What an importer hands the writer: the file's source and its entities, each fact with the passage
// (and where in the file) that states it. Formats differ in parsing only; linking and writing are shared.
import type {
  AliasKind, AttributeKind, AliasQuality, Attribution, DesignationAuthority, EstimateKind, IdentifierScheme, IncidentKind, IncidentRole, OrganizationKind,
  QuantityQualifier, RelationType, SourceKind, TargetKind,
} from '../generated/prisma/enums.js';

/** A passage of the imported file and where it is ("INDIVIDUAL QDi.316, COMMENTS1"). */
export interface Cite {
  quote: string;
  locator: string;
  /** Fields of its record the passage carries (a summary taken from it). */
  supports?: string[];
  /** A source other than the imported file (a news report the file cites), created when first met. */
  source?: { slug: string; title: string; description: string };
}

export interface ImportedEntity {
  type: 'ORGANIZATION' | 'PERSON';
  /** Line of the file the entry starts on, for reports. */
  line: number;
  name: string;
  /** The passages that state the entity itself (its name, a comment). */
  citations: Cite[];
  /** How incidents and relations of the plan refer to it (its identifier's value, or its name when it has none). */
  key: string;
  /** Its identifier in the file's dataset: a re-import links by it, not by name. */
  externalId?: { scheme: IdentifierScheme; value: string; citation: Cite };
  /** More identifiers of the same entity in the dataset (ACLED's one force under each government period's name). */
  otherIds?: { scheme: IdentifierScheme; value: string; citation: Cite }[];
  aliases: { name: string; kind: AliasKind; quality: AliasQuality; language: string | null; citation: Cite }[];
  designation?: { authority: DesignationAuthority; program: string; reference: string; listed?: string; citations: Cite[] };
  born?: { date: string; citation: Cite };
  nationality?: { code: string; citation: Cite };
  /** Every date and place of birth, nationality and address the entry states, side by side. */
  attributes?: ImportedAttribute[];
  /** A country it is tied to, as context for name resolution. */
  country: string | null;
  /**
   * What sort of organization the file classifies it as (ACLED's actor type, the UN list's entry), with the
   * passage stating it; `inference` when a rule read the kind from something else (a name), not a classification.
   */
  kind?: { value: OrganizationKind; citation: Cite; inference?: string };
  /** Other entries its passages name by identifier ("(QDe.135)"), by their keys: cited links, no role implied. */
  mentions?: { reference: string; citation: Cite }[];
  /**
   * Other spellings to resolve the entity by, when its name is a compound ("JNIM: Group for Support of
   * Islam and Muslims"): a link is made when one is confident, or when two agree.
   */
  resolveBy?: string[];
}

/** Every identifier an entity has in its dataset. */
export const identifiersOf = (e: ImportedEntity) => [...(e.externalId ? [e.externalId] : []), ...(e.otherIds ?? [])];

/** One stated detail: a date of birth (`date`, in this API's notation) or a place's parts as written. */
export interface ImportedAttribute {
  kind: AttributeKind;
  date?: string;
  country?: string | null;
  countryCode?: string | null;
  region?: string | null;
  city?: string | null;
  street?: string | null;
  note?: string | null;
  citation: Cite;
}

/** An event of the file: one incident, its perpetrators referring to entities by their identifier. */
export interface ImportedIncident {
  line: number;
  slug: string;
  title: string;
  kind: IncidentKind;
  /** In this API's date notation; with `dateInference` when the file's precision code is the reasoning. */
  date: string;
  dateInference?: string;
  place: string | null;
  adminRegion: string | null;
  country: string | null;
  coordinates: { latitude: number; longitude: number } | null;
  killed: { min: number; max: number; qualifier: QuantityQualifier } | null;
  summary: string | null;
  targets: TargetKind[];
  /** The rule that derived `targets` from the parties' roles and types, when the file does not state them. */
  targetsInference?: string;
  citations: Cite[];
  /**
   * The organizations of the event and their parts (ACTED when `role` is absent), `side` 1 or 2 when the
   * file pairs its actors. `inferences`: what a rule, not the file, decided of the link (`role`,
   * `attribution`), by name, with the rule; a role the file states is carried by a citation that supports "role".
   */
  perpetrators: { entity: string; attribution: Attribution; citation: Cite; role?: IncidentRole; side?: 1 | 2; inferences?: Record<string, string> }[];
  /** When the dataset last revised the event (ACLED's `timestamp`), when it says. */
  revisedAt?: Date;
  /** Figures about the incident (hostages, ransom). */
  estimates?: { kind: EstimateKind; min: number; max: number; qualifier: QuantityQualifier; unit: string; citation: Cite }[];
  injured?: { min: number; max: number; qualifier: QuantityQualifier } | null;
}

/** A row that cannot be imported, with its line. */
export interface RowProblem {
  line: number;
  message: string;
}

/** A dated tie between two entities of the plan (by key), with the passage describing it. */
export interface ImportedRelation {
  line: number;
  from: string;
  to: string;
  type: RelationType;
  start?: string;
  description: string | null;
  citations: Cite[];
  /** Set when a rule, not a cited passage, decided which of the two is `from`: the rule. */
  directionInference?: string;
}

export interface ImportPlan {
  source: { slug: string; title: string; publisher: string; kind: SourceKind; published?: string; description: string };
  entities: ImportedEntity[];
  incidents?: ImportedIncident[];
  relations?: ImportedRelation[];
  problems: RowProblem[];
  /**
   * The file's entries are distinct entities by its own definition (a UN reference, an MMP group id): two
   * of them are never linked by name to one held entity. Not so for names alone (ACLED renames an actor).
   */
  distinctEntities?: boolean;
  /** What the format leaves out, counted: "1,040 events out of scope (protests, riots, ...)". */
  notes?: string[];
  /**
   * For a whole list (the operator says so with --complete): the day it was generated, the passage stating
   * it, and the references it holds. A designation an earlier, older file of the format cited and this one
   * lacks has ended, on or before that day.
   */
  listing?: { authority: DesignationAuthority; generated: string; citation: Cite; references: string[] };
}
