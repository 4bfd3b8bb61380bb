// The provenance linter: proves, record by record, that every value in the database is stated by a
// cited passage (or marked inferred, with its reasoning). Run by `npm run data:lint`, by the test
// suite, and by every loader before it commits (src/seed/load.ts).
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import type { CitationSubject } from '../resolvers/loaders.js';
import { readDateColumns, type PartialDate } from '../values/partial-date.js';
import { collapse, datesStated, isStated, mentions, numbersStated, sentenceWindow, type DatesStated } from './text.js';

type Db = PrismaClient | Prisma.TransactionClient;

/** The rules, each a stable code. */
export const LintRule = {
  /** A fact record has no citation. */
  UNCITED: 'UNCITED',
  /** A quote is not a passage of its source's document (checked when the document is held). */
  QUOTE_NOT_IN_SOURCE: 'QUOTE_NOT_IN_SOURCE',
  /** A number on the record (estimate bound, casualty count) appears in none of its quotes. */
  NUMBER_NOT_STATED: 'NUMBER_NOT_STATED',
  /** A date's year appears in none of its quotes. */
  DATE_NOT_STATED: 'DATE_NOT_STATED',
  /** A date is more precise than its quotes: a month or day they do not name. */
  DATE_TOO_PRECISE: 'DATE_TOO_PRECISE',
  /** A name or identifier (alias, list reference) appears in none of its quotes. */
  NAME_NOT_STATED: 'NAME_NOT_STATED',
  /** `attributedTo` names a speaker absent from the cited sentence and the one before it. */
  SPEAKER_NOT_IN_PASSAGE: 'SPEAKER_NOT_IN_PASSAGE',
  /** A status other than UNKNOWN without a citation that carries it (`supports: ["status"]`). */
  STATUS_UNCITED: 'STATUS_UNCITED',
  /** A summary, ideology or biography without a citation that carries it. */
  SUMMARY_UNCITED: 'SUMMARY_UNCITED',
  /**
   * An incident link's part (ACTED, ACTED_ON, SIDE) is carried neither by a citation stating it
   * (`supports: ["role"]`) nor by an inference giving the rule that derived it.
   */
  ROLE_NOT_STATED: 'ROLE_NOT_STATED',
  /** An inference that names no value of the record, or gives no reasoning. */
  INFERENCE_INVALID: 'INFERENCE_INVALID',
} as const;
export type LintRule = (typeof LintRule)[keyof typeof LintRule];

export interface Finding {
  rule: LintRule;
  /** "Organization[jnim]", "Estimate[FIGHTERS of jnim]". */
  record: string;
  id: string;
  field: string;
  message: string;
}

export function formatFinding(f: Finding): string {
  return `${f.record}.${f.field}: ${f.rule}: ${f.message}`;
}

interface CitationRow {
  id: string;
  sourceId: string;
  quote: string;
  attributedTo: string | null;
  supports: string[];
}

type Row = Record<string, unknown> & { id: string };
/** Narrows a table's rows to some ids (a write's records), or none: every row. */
type Where = { id: { in: string[] } } | undefined;

/** How one table is checked. */
interface TableSpec {
  model: string;
  subject: CitationSubject;
  load: (db: Db, where: Where) => Promise<Row[]>;
  label: (row: Row) => string;
  /** Date column prefixes. */
  dates?: string[];
  /** Numbers: the field an inference names, and the columns holding its values. */
  numbers?: { field: string; columns: string[] }[];
  /** Names and identifiers that a quote must contain. */
  names?: string[];
  status?: boolean;
  summaries?: string[];
  /**
   * Values a rule may derive rather than a passage state, by their key in `inferences` (a relation's
   * `direction`): marked inferred, each needs its rule; none needs a value to be stated.
   */
  derived?: string[];
  /** An incident link: its part needs a citation stating it or its rule (ROLE_NOT_STATED). */
  role?: boolean;
}

const slugOf = (row: Row, key: string) => ((row[key] as { slug?: string } | null)?.slug ?? null);

const TABLES: TableSpec[] = [
  {
    model: 'Organization', subject: 'organizationId', load: (db, where) => db.organization.findMany({ where }) as Promise<Row[]>,
    label: (r) => String(r.slug), dates: ['founded', 'dissolved'], status: true, summaries: ['summary', 'ideology'], derived: ['kind'],
  },
  {
    model: 'Person', subject: 'personId', load: (db, where) => db.person.findMany({ where }) as Promise<Row[]>,
    label: (r) => String(r.slug), dates: ['born', 'died'], status: true, summaries: ['biography'],
  },
  {
    model: 'Alias', subject: 'aliasId',
    load: (db, where) => db.alias.findMany({ where, include: { organization: { select: { slug: true } }, person: { select: { slug: true } } } }) as Promise<Row[]>,
    label: (r) => `${r.name} of ${slugOf(r, 'organization') ?? slugOf(r, 'person')}`, names: ['name'],
  },
  {
    model: 'OrganizationRelation', subject: 'relationId',
    load: (db, where) => db.organizationRelation.findMany({ where, include: { from: { select: { slug: true } }, to: { select: { slug: true } } } }) as Promise<Row[]>,
    label: (r) => `${slugOf(r, 'from')} ${r.type} ${slugOf(r, 'to')}`, dates: ['start', 'end'], derived: ['direction'],
  },
  {
    model: 'OrganizationArea', subject: 'areaId',
    load: (db, where) => db.organizationArea.findMany({ where, include: { organization: { select: { slug: true } } } }) as Promise<Row[]>,
    label: (r) => `${slugOf(r, 'organization')} ${r.role} ${r.countryCode}`, dates: ['start', 'end'],
  },
  {
    model: 'Membership', subject: 'membershipId',
    load: (db, where) => db.membership.findMany({ where, include: { organization: { select: { slug: true } }, person: { select: { slug: true } } } }) as Promise<Row[]>,
    label: (r) => `${slugOf(r, 'person')} ${r.role} of ${slugOf(r, 'organization')}`, dates: ['start', 'end'],
  },
  {
    model: 'Designation', subject: 'designationId',
    load: (db, where) => db.designation.findMany({ where, include: { organization: { select: { slug: true } }, person: { select: { slug: true } } } }) as Promise<Row[]>,
    label: (r) => `${r.authority} ${r.reference ?? r.program} of ${slugOf(r, 'organization') ?? slugOf(r, 'person')}`,
    dates: ['listed', 'delisted'], names: ['reference'],
  },
  {
    model: 'Estimate', subject: 'estimateId',
    load: (db, where) =>
      db.estimate.findMany({ where,
        include: { organization: { select: { slug: true } }, fundingStream: { select: { slug: true } }, incident: { select: { slug: true } } },
      }) as Promise<Row[]>,
    label: (r) => `${r.kind} of ${slugOf(r, 'organization') ?? slugOf(r, 'fundingStream') ?? slugOf(r, 'incident') ?? r.countryCode}`,
    dates: ['asOf', 'periodStart'], numbers: [{ field: 'min', columns: ['min'] }, { field: 'max', columns: ['max'] }],
  },
  {
    model: 'Incident', subject: 'incidentId', load: (db, where) => db.incident.findMany({ where }) as Promise<Row[]>,
    label: (r) => String(r.slug), dates: ['date'], summaries: ['summary'], derived: ['targets'],
    numbers: [{ field: 'killed', columns: ['killedMin', 'killedMax'] }, { field: 'injured', columns: ['injuredMin', 'injuredMax'] }],
  },
  {
    model: 'IncidentPerpetrator', subject: 'perpetratorId',
    load: (db, where) => db.incidentPerpetrator.findMany({ where, include: { incident: { select: { slug: true } }, organization: { select: { slug: true } } } }) as Promise<Row[]>,
    label: (r) => `${slugOf(r, 'organization')} ${r.role} ${slugOf(r, 'incident')}`, derived: ['role', 'attribution'], role: true,
  },
  {
    model: 'IncidentParticipant', subject: 'participantId',
    load: (db, where) => db.incidentParticipant.findMany({ where, include: { incident: { select: { slug: true } }, person: { select: { slug: true } } } }) as Promise<Row[]>,
    label: (r) => `${slugOf(r, 'person')} ${r.role} in ${slugOf(r, 'incident')}`,
  },
  { model: 'FundingStream', subject: 'fundingStreamId', load: (db, where) => db.fundingStream.findMany({ where }) as Promise<Row[]>, label: (r) => String(r.slug) },
  {
    model: 'FundingStreamIncident', subject: 'fundingIncidentId',
    load: (db, where) => db.fundingStreamIncident.findMany({ where, include: { fundingStream: { select: { slug: true } }, incident: { select: { slug: true } } } }) as Promise<Row[]>,
    label: (r) => `${slugOf(r, 'fundingStream')} in ${slugOf(r, 'incident')}`,
  },
  {
    model: 'ExternalIdentifier', subject: 'externalIdentifierId', load: (db, where) => db.externalIdentifier.findMany({ where }) as Promise<Row[]>,
    label: (r) => `${r.scheme} ${r.value}`, names: ['value'],
  },
  {
    model: 'Mention', subject: 'mentionId',
    load: (db, where) =>
      db.mention.findMany({ where,
        include: {
          fromOrganization: { select: { slug: true } }, fromPerson: { select: { slug: true } },
          toOrganization: { select: { slug: true } }, toPerson: { select: { slug: true } },
        },
      }) as Promise<Row[]>,
    label: (r) => `${slugOf(r, 'fromOrganization') ?? slugOf(r, 'fromPerson')} names ${r.reference}`,
    names: ['reference'],
  },
  {
    model: 'Attribute', subject: 'attributeId',
    load: (db, where) => db.attribute.findMany({ where, include: { organization: { select: { slug: true } }, person: { select: { slug: true } } } }) as Promise<Row[]>,
    label: (r) => `${r.kind} of ${slugOf(r, 'organization') ?? slugOf(r, 'person')}`,
    dates: ['date'], names: ['country', 'region', 'city', 'street', 'note'],
  },
  {
    model: 'Assessment', subject: 'assessmentId',
    load: (db, where) => db.assessment.findMany({ where, include: { organization: { select: { slug: true } }, person: { select: { slug: true } } } }) as Promise<Row[]>,
    label: (r) => `${r.topic} of ${slugOf(r, 'organization') ?? slugOf(r, 'person')}`,
  },
];

const MONTH = 1;
const DAY = 2;
const PRECISION = { YEAR: 0, MONTH, DAY } as const;

/** Which parts of a date its quotes do not name: null when all are named. */
function dateProblem(date: PartialDate, stated: DatesStated): { rule: LintRule; message: string } | null {
  const bounds = [date.earliest, date.latest].filter((d): d is Date => d !== null);
  for (const bound of bounds) {
    const year = bound.getUTCFullYear();
    if (!stated.years.has(year)) return { rule: 'DATE_NOT_STATED', message: `the year ${year} appears in none of its quotes` };
  }
  const precision = PRECISION[date.precision];
  for (const bound of bounds) {
    const month = bound.getUTCMonth() + 1;
    if (precision >= MONTH && !stated.months.has(month)) {
      return { rule: 'DATE_TOO_PRECISE', message: `${date.precision} precision, but its quotes name no month ${month}` };
    }
    if (precision >= DAY && !stated.days.has(`${month}-${bound.getUTCDate()}`)) {
      return { rule: 'DATE_TOO_PRECISE', message: `DAY precision, but its quotes name no day ${bound.toISOString().slice(0, 10)}` };
    }
  }
  return null;
}

/** The records a write touched, by model ("Organization", "Alias", "Citation"): what `lintRecords` checks. */
export type LintScope = Partial<Record<string, string[]>>;

/** Lints every record of the database (or of the transaction it is given); returns the findings. */
export function lintDatabase(db: Db): Promise<Finding[]> {
  return lint(db, undefined);
}

/**
 * Lints only the records of `scope` (with all their citations, and the citations it names): a write's
 * check, in its transaction, which costs what the write touched and not what the graph holds.
 */
export function lintRecords(db: Db, scope: LintScope): Promise<Finding[]> {
  return lint(db, scope);
}

async function lint(db: Db, scope: LintScope | undefined): Promise<Finding[]> {
  const whereOf = (model: string): Where => (scope ? { id: { in: scope[model] ?? [] } } : undefined);
  const tables = scope ? TABLES.filter((t) => (scope[t.model]?.length ?? 0) > 0) : TABLES;
  // A scoped run reads the citations of its records, and those it names (a citation added to an existing fact).
  const citationWhere = scope
    ? { OR: [{ id: { in: scope.Citation ?? [] } }, ...tables.map((t) => ({ [t.subject]: { in: scope[t.model] } }))] }
    : undefined;
  const citations = (await db.citation.findMany({ where: citationWhere })) as unknown as (CitationRow & Record<string, unknown>)[];
  const documentWhere = scope ? { sourceId: { in: [...new Set(citations.map((c) => c.sourceId))] } } : undefined;
  const documents = new Map((await db.sourceDocument.findMany({ where: documentWhere })).map((d) => [d.sourceId, collapse(d.text)]));
  const findings: Finding[] = [];

  // Quotes and speakers, once per citation.
  for (const c of citations) {
    const document = documents.get(c.sourceId);
    const record = `Citation[${c.id}]`;
    if (document !== undefined && !document.includes(collapse(c.quote))) {
      findings.push({ rule: 'QUOTE_NOT_IN_SOURCE', record, id: c.id, field: 'quote', message: `not a passage of its source: "${c.quote.slice(0, 80)}"` });
    }
    if (c.attributedTo) {
      const window = document === undefined ? c.quote : (sentenceWindow(document, c.quote) ?? c.quote);
      if (!mentions(window, c.attributedTo)) {
        findings.push({
          rule: 'SPEAKER_NOT_IN_PASSAGE', record, id: c.id, field: 'attributedTo',
          message: `"${c.attributedTo}" is named neither in the cited sentence nor in the one before it`,
        });
      }
    }
  }

  for (const table of tables) {
    const bySubject = new Map<string, CitationRow[]>();
    for (const c of citations) {
      const key = c[table.subject] as string | null;
      if (key) bySubject.set(key, [...(bySubject.get(key) ?? []), c]);
    }
    for (const row of await table.load(db, whereOf(table.model))) {
      const record = `${table.model}[${table.label(row)}]`;
      const find = (rule: LintRule, field: string, message: string) => findings.push({ rule, record, id: row.id, field, message });
      const cited = bySubject.get(row.id) ?? [];
      if (cited.length === 0) find('UNCITED', 'citations', 'no citation');
      const quotes = cited.map((c) => c.quote).join('\n');
      const inferences = (row.inferences ?? {}) as Record<string, unknown>;
      const inferable = new Set<string>(table.derived ?? []);

      if (table.dates) {
        const stated = datesStated(quotes);
        for (const prefix of table.dates) {
          const date = readDateColumns(row, prefix);
          if (!date) continue;
          inferable.add(prefix);
          if (prefix in inferences) continue;
          const problem = dateProblem(date, stated);
          if (problem) find(problem.rule, prefix, problem.message);
        }
      }
      if (table.numbers) {
        const stated = numbersStated(quotes);
        for (const { field, columns } of table.numbers) {
          const values = columns.map((c) => row[c]).filter((v) => v !== null && v !== undefined).map(Number);
          if (values.length === 0) continue;
          inferable.add(field);
          if (field in inferences) continue;
          for (const value of values) {
            if (!isStated(value, stated)) find('NUMBER_NOT_STATED', field, `${value} appears in none of its quotes, in digits or words`);
          }
        }
      }
      for (const field of table.names ?? []) {
        const value = row[field];
        if (typeof value === 'string' && !mentions(quotes, value)) find('NAME_NOT_STATED', field, `"${value}" appears in none of its quotes`);
      }
      if (table.status && row.status !== 'UNKNOWN' && !cited.some((c) => c.supports.includes('status'))) {
        find('STATUS_UNCITED', 'status', `${String(row.status)} is carried by no citation (supports: ["status"]); without one it is UNKNOWN`);
      }
      if (table.role && row.role !== 'PARTY' && !('role' in inferences) && !cited.some((c) => c.supports.includes('role'))) {
        find('ROLE_NOT_STATED', 'role', `${String(row.role)} is stated by no citation (supports: ["role"]) and derived by no rule (inferences.role); a part no one states is PARTY`);
      }
      for (const field of table.summaries ?? []) {
        if (row[field] && !cited.some((c) => c.supports.includes(field))) {
          find('SUMMARY_UNCITED', field, `carried by no citation (supports: ["${field}"]); it may say only what its citations say`);
        }
      }
      for (const [field, reasoning] of Object.entries(inferences)) {
        if (!inferable.has(field)) find('INFERENCE_INVALID', `inferences.${field}`, 'names no date or number that the record holds');
        else if (typeof reasoning !== 'string' || reasoning.trim() === '') find('INFERENCE_INVALID', `inferences.${field}`, 'gives no reasoning');
      }
    }
  }
  return findings;
}

export class ProvenanceError extends Error {
  constructor(readonly findings: Finding[]) {
    super(`The provenance linter found ${findings.length} problem${findings.length === 1 ? '' : 's'}:\n  - ${findings.map(formatFinding).join('\n  - ')}`);
  }
}

/** Throws ProvenanceError listing every finding; for loaders, inside their transaction. */
export async function assertLintClean(db: Db): Promise<void> {
  const findings = await lintDatabase(db);
  if (findings.length > 0) throw new ProvenanceError(findings);
}
