// A root list (or slug lookup) reads its rows and the child levels its selection reaches in one
// statement: PostgreSQL builds the nested rows as JSON arrays (correlated subqueries on the foreign-key
// indexes), every level with only the columns the selected fields read, and each row carries what was
// fetched below it (in "$step" properties). The relation fields read it from there, and their loaders only
// when it is absent (a relation no plan covers, or past the plans' bounds). Profiled under the nested
// questions, the pg driver's parsing of whole rows (850 KB for a 63 KB answer), a socket write per
// statement and the garbage both leave were most of the CPU. The rows are partial, so they are not
// primed into the request's loaders, where a field on another path could find a column missing; a
// field whose columns are not listed here gets every column its loader reads.
import DataLoader from 'dataloader';
import { Kind, type FragmentDefinitionNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import { Prisma } from '../generated/prisma/client.js';
import type { Context } from '../context.js';
import { parseDate } from '../db/client.js';
import { LEAN_COLUMNS } from './lean-rows.js';

type Entity = 'Organization' | 'Person' | 'Alias' | 'Relation' | 'Membership' | 'Citation' | 'Source' | 'Perpetrator' | 'Incident' | 'Area' | 'Designation';
type Json = Record<string, unknown>;

/**
 * The rows a step ("aliases", "incoming", "from", ...) fetched below `row`, which holds them as the
 * statement returned them, in its "$step" property (no column starts with "$"); undefined when none was
 * fetched (the field reads its loader).
 */
export function prefetched<T>(row: object, step: keyof typeof STEP_KEYS): T | undefined {
  const value = (row as Json)[STEP_KEYS[step]];
  return value === null ? undefined : (value as T | undefined);
}

/**
 * A step's row when the statement fetched it, else its loader's promise of it: the fetched path returns
 * at once, without a promise to wait for (one per field was a good part of the garbage).
 */
export function fetchedOr<T>(row: object, step: keyof typeof STEP_KEYS, load: () => Promise<T | null>): T | Promise<T> {
  return prefetched<T>(row, step) ?? (load() as Promise<T>);
}

/** A step's rows made into a field's value by `then`, at once when the statement fetched them, else after their loader. */
export function fetchedListOr<T, R>(row: object, step: keyof typeof STEP_KEYS, load: () => Promise<T[]>, then: (rows: T[]) => R): R | Promise<R> {
  const rows = prefetched<T[]>(row, step);
  return rows ? then(rows) : load().then(then);
}

const quoted = (columns: readonly string[]) => columns.map((c) => `"${c}"`);

interface Table {
  name: string;
  /** Every column the entity's loader reads: what a row gets when a selected field's columns are not known. */
  all: readonly string[];
  /** Every column of the table (the long texts a lean row leaves out included), in the model's order. */
  columns: readonly string[];
  /** DATE and TIMESTAMPTZ columns: JSON gives text, the pg driver a Date (UTC midnight for a DATE). */
  dates: readonly string[];
  /** Float columns: JSON spells NaN and infinities as text. */
  floats?: readonly string[];
}

const SPAN = (prefix: string) => [`${prefix}Earliest`, `${prefix}Latest`];

const table = (name: string, fields: Record<string, string>, dates: readonly string[], leanColumns?: string): Table => {
  const columns = Object.values(fields);
  return { name, all: leanColumns ? leanColumns.split(', ').map((c) => c.slice(1, -1)) : columns, columns, dates };
};

/** The tables the plans read; test/prefetch.test.ts holds the answers equal to the loaders'. */
export const TABLES: Record<Entity, Table> = {
  Organization: table('Organization', Prisma.OrganizationScalarFieldEnum, [...SPAN('founded'), ...SPAN('dissolved')], LEAN_COLUMNS.Organization),
  Person: table('Person', Prisma.PersonScalarFieldEnum, [...SPAN('born'), ...SPAN('died')], LEAN_COLUMNS.Person),
  Alias: table('Alias', Prisma.AliasScalarFieldEnum, []),
  Relation: table('OrganizationRelation', Prisma.OrganizationRelationScalarFieldEnum, [...SPAN('start'), ...SPAN('end')]),
  Membership: table('Membership', Prisma.MembershipScalarFieldEnum, [...SPAN('start'), ...SPAN('end')]),
  Citation: table('Citation', Prisma.CitationScalarFieldEnum, []),
  Source: table('Source', Prisma.SourceScalarFieldEnum, [...SPAN('published'), 'importedAt', 'createdAt', 'updatedAt']),
  Perpetrator: table('IncidentPerpetrator', Prisma.IncidentPerpetratorScalarFieldEnum, []),
  Area: table('OrganizationArea', Prisma.OrganizationAreaScalarFieldEnum, [...SPAN('start'), ...SPAN('end')]),
  Designation: table('Designation', Prisma.DesignationScalarFieldEnum, [...SPAN('listed'), ...SPAN('delisted')]),
  Incident: { ...table('Incident', Prisma.IncidentScalarFieldEnum, [...SPAN('date'), 'dateSort', 'revisedAt', 'createdAt', 'updatedAt']), floats: ['latitude', 'longitude'] },
};

/** A step from a row to the rows it leads to. */
interface Link {
  target: Entity;
  /** many: the children whose `column` is the parent's ID; one: the row the parent's `column` names. */
  kind: 'many' | 'one';
  column: string;
  /** many: the order of the loader the field would otherwise read (columns of the child). */
  orderBy?: readonly (readonly [column: string, direction: string])[];
  /** many: the loader's own condition (over the child's alias). */
  where?: (alias: string) => string;
}

const BY_NAME = [['name', 'ASC'], ['id', 'ASC']] as const;
const BY_START = [['startEarliest', 'ASC NULLS FIRST'], ['id', 'ASC']] as const;
const BY_ID = [['id', 'ASC']] as const;

const citations = (column: string): Link => ({ target: 'Citation', kind: 'many', column, orderBy: BY_ID });
const designations = (column: string): Link => ({
  target: 'Designation', kind: 'many', column, orderBy: [['listedEarliest', 'ASC NULLS LAST'], ['id', 'ASC']],
});
const organization = (column: string): Link => ({ target: 'Organization', kind: 'one', column });

/** The steps a plan can take from each entity, each as its field's loader reads them. */
const LINKS: Record<Entity, Record<string, Link>> = {
  Organization: {
    aliases: { target: 'Alias', kind: 'many', column: 'organizationId', orderBy: BY_NAME },
    incoming: { target: 'Relation', kind: 'many', column: 'toId', orderBy: BY_START },
    outgoing: { target: 'Relation', kind: 'many', column: 'fromId', orderBy: BY_START },
    leaders: { target: 'Membership', kind: 'many', column: 'organizationId', orderBy: BY_START, where: (c) => `${c}.role = 'LEADER'` },
    areas: { target: 'Area', kind: 'many', column: 'organizationId', orderBy: [['role', 'ASC'], ['countryCode', 'ASC'], ['id', 'ASC']] },
    designations: designations('organizationId'),
    citations: citations('organizationId'),
  },
  Relation: { from: organization('fromId'), to: organization('toId'), citations: citations('relationId') },
  Membership: { person: { target: 'Person', kind: 'one', column: 'personId' }, organization: organization('organizationId'), citations: citations('membershipId') },
  Person: {
    aliases: { target: 'Alias', kind: 'many', column: 'personId', orderBy: BY_NAME },
    memberships: { target: 'Membership', kind: 'many', column: 'personId', orderBy: BY_START },
    designations: designations('personId'),
    citations: citations('personId'),
  },
  Alias: { citations: citations('aliasId') },
  Incident: {
    perpetrators: { target: 'Perpetrator', kind: 'many', column: 'incidentId', orderBy: [['attribution', 'ASC'], ['id', 'ASC']], where: (c) => `${c}.role = 'ACTED'` },
    citations: citations('incidentId'),
  },
  Perpetrator: { organization: organization('organizationId'), citations: citations('perpetratorId') },
  Citation: { source: { target: 'Source', kind: 'one', column: 'sourceId' } },
  Source: {},
  Area: { citations: citations('areaId') },
  Designation: { citations: citations('designationId') },
};

const DATE = (prefix: string) => [...SPAN(prefix), `${prefix}Precision`, `${prefix}Qualifier`, 'inferences'];
const COUNT = (prefix: string) => [`${prefix}Min`, `${prefix}Max`, `${prefix}Qualifier`, 'inferences'];
/** What matchInTime reads of each row when `asOf` or `current` is given. */
const IN_TIME = [...DATE('start'), ...DATE('end')];

/**
 * A GraphQL field's resolver follows these steps; `reads` are the columns it reads of each step's rows
 * (the loader's order columns are added), `inTime` that with `asOf` or `current` it also reads their dates.
 */
interface FieldPath {
  steps: readonly string[];
  type: string;
  reads?: readonly (readonly string[])[];
  inTime?: boolean;
  /** Only when the last step's parent meets this (over its alias), as the resolver filters. */
  when?: (alias: string) => string;
  /** With `asOf` or `current`, the resolver reads the life (status, death) of each row's person too. */
  lives?: boolean;
  /** Columns of the last step's rows the resolver reads only when the field is given this argument (a filter). */
  argReads?: Readonly<Record<string, readonly string[]>>;
}

/** What livesOf reads of a person (src/resolvers/organizations.ts). */
const LIFE = ['status', ...DATE('died')];

const COMPONENT_OF = (alias: string) => `${alias}.type = 'COMPONENT_OF'`;
const ALIASES: FieldPath = { steps: ['aliases'], type: 'Alias', argReads: { kind: ['kind'], language: ['language'] } };
const CITATIONS: FieldPath = { steps: ['citations'], type: 'Citation' };

/** Each step's property on the rows it starts from. */
const STEP_KEYS = Object.fromEntries(Object.values(LINKS).flatMap((links) => Object.keys(links)).map((name) => [name, `$${name}`])) as
  Record<'aliases' | 'incoming' | 'outgoing' | 'leaders' | 'citations' | 'from' | 'to' | 'person' | 'organization' | 'memberships' | 'perpetrators' | 'source' | 'areas' | 'designations', string>;

/** The relation fields, by GraphQL type, whose resolvers read a step's rows before their loaders. */
const PATHS: Record<string, Record<string, FieldPath[]>> = {
  Organization: {
    aliases: [ALIASES],
    components: [{ steps: ['incoming', 'from'], type: 'Organization', reads: [['type', '~fromId'], []], when: COMPONENT_OF }],
    memberOf: [{ steps: ['outgoing', 'to'], type: 'Organization', reads: [['type', '~toId'], []], when: COMPONENT_OF }],
    relations: [
      { steps: ['incoming'], type: 'OrganizationRelation', reads: [['type']], inTime: true },
      { steps: ['outgoing'], type: 'OrganizationRelation', reads: [['type']], inTime: true },
    ],
    allegiances: [{ steps: ['outgoing'], type: 'OrganizationRelation', reads: [['type']] }],
    leaders: [{ steps: ['leaders'], type: 'Membership', reads: [['~personId']], inTime: true, lives: true }],
    areas: [{ steps: ['areas'], type: 'OrganizationArea', reads: [['role']], inTime: true }],
    designations: [{ steps: ['designations'], type: 'Designation', reads: [['authority']] }],
    citations: [CITATIONS],
  },
  OrganizationRelation: { from: [{ steps: ['from'], type: 'Organization' }], to: [{ steps: ['to'], type: 'Organization' }], citations: [CITATIONS] },
  Membership: { person: [{ steps: ['person'], type: 'Person' }], organization: [{ steps: ['organization'], type: 'Organization' }], citations: [CITATIONS] },
  Person: {
    aliases: [ALIASES],
    memberships: [{ steps: ['memberships'], type: 'Membership', reads: [['role']], inTime: true }],
    designations: [{ steps: ['designations'], type: 'Designation' }],
    citations: [CITATIONS],
  },
  Alias: { citations: [CITATIONS] },
  Incident: { perpetrators: [{ steps: ['perpetrators'], type: 'IncidentPerpetrator' }], citations: [CITATIONS] },
  IncidentPerpetrator: { organization: [{ steps: ['organization'], type: 'Organization' }], citations: [CITATIONS] },
  Citation: { source: [{ steps: ['source'], type: 'Source' }] },
  OrganizationArea: { citations: [CITATIONS] },
  Designation: { citations: [CITATIONS] },
};

/**
 * The columns each field reads of its own row, by GraphQL type. A field not listed (or a type) gets every
 * column its loader reads: what a resolver reads must be listed here for the row to be narrowed. "~" marks
 * a foreign key the field reads only when the step along it was not fetched (its loader's key).
 */
const READS: Record<string, Record<string, readonly string[]>> = {
  Organization: {
    id: ['id'], slug: ['slug'], name: ['name'], kind: ['kind'], kindInference: ['inferences'], status: ['status'], summary: ['summary'], ideology: ['ideology'],
    founded: DATE('founded'), dissolved: DATE('dissolved'),
    aliases: [], components: [], memberOf: [], relations: [], allegiances: [], leaders: [], areas: [], designations: [], citations: [],
  },
  Person: {
    id: ['id'], slug: ['slug'], name: ['name'], status: ['status'], nationality: ['nationality'], biography: ['biography'],
    born: DATE('born'), died: DATE('died'), aliases: [], citations: [], designations: [], memberships: ['status', ...DATE('died')],
  },
  Alias: { name: ['name'], kind: ['kind'], language: ['language'], quality: ['quality'], citations: [] },
  OrganizationRelation: {
    type: ['type'], description: ['description'], from: ['~fromId'], to: ['~toId'], start: DATE('start'), end: DATE('end'), certainty: [], citations: [],
    inferred: ['inferences'], inference: ['inferences'],
  },
  Membership: {
    person: ['~personId'], organization: ['~organizationId'], role: ['role'], title: ['title'], start: DATE('start'), end: DATE('end'), certainty: [], citations: [],
  },
  Citation: { source: ['~sourceId'], quote: ['quote'], locator: ['locator'], attributedTo: ['attributedTo'] },
  OrganizationArea: { country: ['countryCode'], region: ['region'], role: ['role'], start: DATE('start'), end: DATE('end'), certainty: [], citations: [] },
  Designation: {
    id: ['id'], authority: ['authority'], program: ['program'], reference: ['reference'], listed: DATE('listed'), delisted: DATE('delisted'),
    organization: ['organizationId'], person: ['personId'], citations: [],
  },
  // A source is repeated under each citation of it: its long description only when asked.
  Source: {
    id: ['id'], slug: ['slug'], title: ['title'], publisher: ['publisher'], url: ['url'], kind: ['kind'], published: DATE('published'),
    description: ['description'], format: ['format'], sha256: ['sha256'], importedAt: ['importedAt'], citationCount: [],
  },
  IncidentPerpetrator: { organization: ['~organizationId'], incident: ['incidentId'], attribution: ['attribution'], citations: [], inferred: ['inferences'], inference: ['inferences'] },
  Incident: {
    id: ['id'], slug: ['slug'], title: ['title'], date: DATE('date'), place: ['place'], adminRegion: ['adminRegion'], country: ['countryCode'],
    coordinates: ['latitude', 'longitude'], kind: ['kind'], summary: ['summary'], revisedAt: ['revisedAt'], targets: ['targets'],
    killed: COUNT('killed'), injured: COUNT('injured'), perpetrators: [], citations: [],
  },
};

const ENTITY_OF_TYPE: Record<string, Entity> = {
  Organization: 'Organization', Person: 'Person', Alias: 'Alias', OrganizationRelation: 'Relation', Membership: 'Membership',
  Citation: 'Citation', Source: 'Source', Incident: 'Incident', IncidentPerpetrator: 'Perpetrator',
  OrganizationArea: 'Area', Designation: 'Designation',
};

/**
 * The entities whose GraphQL types have no `id` field: their resolvers read a row's ID only to load what
 * lies below it when the plan did not fetch it (past its bounds), and the plan then reads it. Organizations,
 * persons, incidents and sources keep theirs: the walks and the lives of leaders match rows by it, and a
 * foreign key is made from it. Half the JSON of the 50-coalition statement was the IDs of such rows.
 */
const ID_READ_ON_FALLBACK: ReadonlySet<Entity> = new Set(['Alias', 'Citation', 'Membership', 'Relation', 'Perpetrator', 'Area']);

/**
 * At most this many steps in one plan, and this many deep: the statement grows with the selection,
 * which the operation limits bound (15 levels, 5,000 tokens); what lies beyond is read by the loaders.
 */
const MAX_STEPS = 40;
const MAX_DEPTH = 6;

interface Step {
  link: Link;
  /** The condition on the parent, or null when any parent leads here. */
  when: ((alias: string) => string) | null;
  node: PlanNode;
}

interface PlanNode {
  entity: Entity;
  /** The columns to read, or null for every column the loader reads. */
  columns: Set<string> | null;
  /**
   * Foreign keys read only on rows whose step along them is fetched ("~column" in a path's reads; the
   * resolver checks the step's condition first): made from the fetched row's ID, not sent by PostgreSQL.
   */
  derivable: Set<string>;
  steps: Map<string, Step>;
  /** propertiesOf's answer, once asked (the plan is complete by then). */
  fields?: readonly string[];
  /** rowMaker's function for those properties, once made. */
  make?: (values: unknown[]) => Json;
}

export interface Plan {
  root: PlanNode;
  size: number;
  /** A connection's plan: whether the selection reads a cursor (`edges.cursor`, `pageInfo.startCursor`/`endCursor`). */
  readsCursors: boolean;
  /** Its statement from parent IDs, once built. */
  sql?: string;
  /** Its statement of root rows by ID (rowsWithSelection), once built. */
  rowsSql?: string;
  /** The select lists of its root rows, once built, by alias and the columns kept beside the selection's. */
  rootSelects?: Map<string, string>;
}

/** The fields of a selection set, through inline fragments and fragment spreads (each spread once). */
function* fieldsOf(selectionSet: SelectionSetNode, fragments: Record<string, FragmentDefinitionNode>, spread = new Set<string>()): Generator<{ name: string; args: Set<string>; selectionSet: SelectionSetNode | undefined }> {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      yield { name: selection.name.value, args: new Set((selection.arguments ?? []).map((a) => a.name.value)), selectionSet: selection.selectionSet };
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      yield* fieldsOf(selection.selectionSet, fragments, spread);
    } else if (!spread.has(selection.name.value)) {
      spread.add(selection.name.value);
      const fragment = fragments[selection.name.value];
      if (fragment) yield* fieldsOf(fragment.selectionSet, fragments, spread);
    }
  }
}

function read(node: PlanNode, columns: readonly string[] | undefined) {
  if (node.columns === null) return;
  if (columns === undefined) node.columns = null;
  else for (const column of columns) (column.startsWith('~') ? node.derivable.add(column.slice(1)) : node.columns.add(column));
}

function addSelection(plan: Plan, node: PlanNode, type: string, selectionSet: SelectionSetNode, fragments: Record<string, FragmentDefinitionNode>, depth: number) {
  for (const field of fieldsOf(selectionSet, fragments)) {
    if (field.name === '__typename') continue;
    read(node, READS[type]?.[field.name]);
    for (const path of PATHS[type]?.[field.name] ?? []) {
      let current: PlanNode | undefined = node;
      for (const [i, name] of path.steps.entries()) {
        const last = i === path.steps.length - 1;
        const parent: PlanNode = current;
        current = stepTo(plan, parent, name, last ? path.when ?? null : null, depth + i);
        if (!current) {
          // The resolver loads the rows past the plan's bounds by the parent's ID (a list) or foreign key (one row, kept: derivable).
          read(parent, ['id']);
          break;
        }
        read(current, path.reads?.[i] ?? []);
        if (last) for (const [arg, columns] of Object.entries(path.argReads ?? {})) if (field.args.has(arg)) read(current, columns);
        if (last && path.inTime && (field.args.has('asOf') || field.args.has('current'))) {
          read(current, IN_TIME);
          if (path.lives) {
            const person = stepTo(plan, current, 'person', null, depth + i + 1);
            if (person) read(person, LIFE);
          }
        }
        if (last && field.selectionSet) addSelection(plan, current, path.type, field.selectionSet, fragments, depth + i + 1);
      }
    }
  }
}

/** The node a step from `node` leads to, added to the plan if new; undefined past the plan's bounds. */
function stepTo(plan: Plan, node: PlanNode, name: string, when: Step['when'], depth: number): PlanNode | undefined {
  let step = node.steps.get(name);
  if (!step) {
    if (plan.size >= MAX_STEPS || depth >= MAX_DEPTH) return undefined;
    const link = LINKS[node.entity][name]!;
    // The order columns are not read: PostgreSQL orders the rows, and no resolver sorts them again. Nor
    // the ID of a row reached through a list whose type has no `id` field (ID_READ_ON_FALLBACK).
    const columns = new Set(link.kind === 'many' && ID_READ_ON_FALLBACK.has(link.target) ? [] : ['id']);
    step = { link, when, node: { entity: link.target, columns, derivable: new Set(), steps: new Map() } };
    node.steps.set(name, step);
    plan.size++;
  } else if (step.when !== when) {
    // Reached by two fields with different conditions: any parent.
    step.when = null;
  }
  return step.node;
}

/** The plan of a root field's selection, below `path` (["edges", "node"] for a connection). */
export function planOf(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>, type: keyof typeof PATHS, path: readonly string[] = []): Plan {
  const root: PlanNode = { entity: ENTITY_OF_TYPE[type]!, columns: new Set(['id']), derivable: new Set(), steps: new Map() };
  // Only a connection's plan (below edges.node) has cursors to read.
  const plan: Plan = { root, size: 0, readsCursors: path[0] === 'edges' && readsCursors(info) };
  for (const fieldNode of info.fieldNodes) {
    let sets = fieldNode.selectionSet ? [fieldNode.selectionSet] : [];
    for (const name of path) {
      sets = sets.flatMap((set) => [...fieldsOf(set, info.fragments)].filter((f) => f.name === name && f.selectionSet).map((f) => f.selectionSet!));
    }
    for (const set of sets) addSelection(plan, plan.root, type, set, info.fragments, 0);
  }
  return plan;
}

/** The subfields of a connection that are cursors, by the connection field they are under. */
const CURSOR_FIELDS: Record<string, readonly string[]> = { edges: ['cursor'], pageInfo: ['startCursor', 'endCursor'] };

/**
 * Whether a connection field's selection reads a cursor, through fragments. Directives are not read:
 * a cursor under `@include(if: $x)` counts as read, whatever `$x` is.
 */
function readsCursors(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>): boolean {
  for (const fieldNode of info.fieldNodes) {
    if (!fieldNode.selectionSet) continue;
    for (const field of fieldsOf(fieldNode.selectionSet, info.fragments)) {
      const cursors = Object.hasOwn(CURSOR_FIELDS, field.name) ? CURSOR_FIELDS[field.name]! : [];
      if (field.selectionSet && cursors.length > 0 && [...fieldsOf(field.selectionSet, info.fragments)].some((f) => cursors.includes(f.name))) return true;
    }
  }
  return false;
}

/**
 * Plans by the first field node they were made for, then by all of them: an operation's document is parsed
 * once and kept, so is its plan. A field of a fragment spread in two operations of one document merges
 * with other fields in one and not in the other: the same first node, other selections.
 */
const PLANS = new WeakMap<object, Map<string, { fieldNodes: GraphQLResolveInfo['fieldNodes']; plan: Plan }[]>>();

/** planOf, once per field of a document. */
export function planFor(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>, type: keyof typeof PATHS, path: readonly string[] = []): Plan {
  const { fieldNodes } = info;
  let byPath = PLANS.get(fieldNodes[0]!);
  if (!byPath) PLANS.set(fieldNodes[0]!, (byPath = new Map()));
  const key = `${type} ${path.join('.')}`;
  let plans = byPath.get(key);
  if (!plans) byPath.set(key, (plans = []));
  const made = plans.find((p) => p.fieldNodes.length === fieldNodes.length && p.fieldNodes.every((node, i) => node === fieldNodes[i]));
  if (made) return made.plan;
  const plan = planOf(info, type, path);
  plans.push({ fieldNodes, plan });
  return plan;
}

/**
 * The select list of root rows read with their plan: the columns their selected fields read (every
 * column when one is not known) with `keep` (the columns their cursors are made of), and the JSON of
 * every step below them.
 */
export function rootSelect(plan: Plan, alias: string, keep: readonly string[] = []): string {
  const key = `${alias} ${keep.join(',')}`;
  let select = plan.rootSelects?.get(key);
  if (select === undefined) {
    const { root } = plan;
    const columns = root.columns === null ? [`${alias}.*`] : quoted(TABLES[root.entity].columns.filter((c) => root.columns!.has(c) || root.derivable.has(c) || keep.includes(c))).map((c) => `${alias}.${c}`);
    select = [...columns, ...[...root.steps].map(([name, step]) => `${stepSql(step, alias, 1)} AS "$${name}"`)].join(', ');
    (plan.rootSelects ??= new Map()).set(key, select);
  }
  return select;
}

/**
 * Root rows read with rootSelect, as the driver read them: the JSON of their steps is converted in place
 * (no copy: copying every nested row was a twentieth of the CPU of the 50-coalition question).
 */
export function withFetched<Row>(plan: Plan, rows: Row[]): Row[] {
  if (plan.root.steps.size > 0) for (const row of rows) convertSteps(plan.root, row as Json);
  return rows;
}

/** The foreign keys of a node made from the rows its steps fetched, with those steps' names. */
function derivedOf(node: PlanNode): [column: string, step: string][] {
  if (node.columns === null) return [];
  return [...node.steps].filter(([, { link }]) => link.kind === 'one' && node.derivable.has(link.column) && !node.columns!.has(link.column))
    .map(([name, { link }]) => [link.column, name]);
}

/** The columns a node's rows read: those its selected fields read, or every column its loader reads. */
function columnsOf(node: PlanNode): readonly string[] {
  const table = TABLES[node.entity];
  if (node.columns === null) return table.all;
  const derived = new Set(derivedOf(node).map(([column]) => column));
  return table.columns.filter((c) => node.columns!.has(c) || (node.derivable.has(c) && !derived.has(c)));
}

/** The properties of a node's rows, in the order of the JSON array each row is read as: its columns, then its "$step" keys. */
function propertiesOf(node: PlanNode): readonly string[] {
  return (node.fields ??= [...columnsOf(node), ...[...node.steps.keys()].map((name) => `$${name}`)]);
}

/** A nested row as a JSON array of its columns and the JSON of its steps, in propertiesOf's order. */
function rowArray(node: PlanNode, alias: string, depth: number): string {
  return `json_build_array(${[
    ...quoted(columnsOf(node)).map((c) => `${alias}.${c}`),
    ...[...node.steps.values()].map((step) => stepSql(step, alias, depth + 1)),
  ].join(', ')})`;
}

/**
 * What a list step's ordered subquery hands up: the columns its rows' JSON reads, the ID its own list
 * steps start from and the keys its row steps follow. The conditions of row steps (`when`) read columns
 * their paths list as read, so these hold them.
 */
function subqueryColumns(node: PlanNode): string[] {
  const columns = new Set(['id', ...columnsOf(node)]);
  for (const { link } of node.steps.values()) if (link.kind === 'one') columns.add(link.column);
  return [...columns];
}

// Nested rows are arrays, not objects: each object repeated its column names (the 50-coalition
// statement returned 272 KB of JSON for a 63 KB answer), which PostgreSQL wrote and the driver parsed.
function stepSql(step: Step, parent: string, depth: number): string {
  const { link, node } = step;
  const alias = `t${depth}`;
  const from = `FROM "${TABLES[node.entity].name}" ${alias}`;
  if (link.kind === 'many') {
    const where = `${alias}."${link.column}" = ${parent}.id${link.where ? ` AND ${link.where(alias)}` : ''}`;
    const order = link.orderBy!.map(([column, direction]) => `${alias}."${column}" ${direction}`).join(', ');
    // The rows come ordered from a subquery, which PostgreSQL neither flattens (it has an ORDER BY) nor
    // reorders before the aggregate, and often reads in order from an index: json_agg(... ORDER BY ...)
    // sorts each parent's rows apart on PostgreSQL 15 (the 50-coalition statement ran 855 such sorts).
    const handed = quoted(subqueryColumns(node)).map((c) => `${alias}.${c}`).join(', ');
    return `(SELECT coalesce(json_agg(${rowArray(node, alias, depth)}), '[]') FROM (SELECT ${handed} ${from} WHERE ${where} ORDER BY ${order}) ${alias})`;
  }
  const where = `${alias}.id = ${parent}."${link.column}"${step.when ? ` AND ${step.when(parent)}` : ''}`;
  return `(SELECT ${rowArray(node, alias, depth)} ${from} WHERE ${where})`;
}

/** The statement of a plan's root rows by ID, with their columns and every step below them. */
function planRowsSql(plan: Plan): string {
  return `SELECT ${rootSelect(plan, 'p')} FROM "${TABLES[plan.root.entity].name}" p WHERE p.id = ANY($1::uuid[])`;
}

/**
 * The statement of a plan: for each parent ID, the JSON of every step. When the roots' steps all start
 * from their ID (the root types' do), the roots' table is not read.
 */
export function planSql(plan: Plan): string {
  const steps = [...plan.root.steps].map(([name, step]) => `${stepSql(step, 'p', 1)} AS "$${name}"`);
  const fromIds = [...plan.root.steps.values()].every((step) => step.link.kind === 'many');
  const roots = fromIds ? 'unnest($1::uuid[]) AS p(id)' : `"${TABLES[plan.root.entity].name}" p WHERE p.id = ANY($1::uuid[])`;
  return `SELECT p.id AS "$id", ${steps.join(', ')} FROM ${roots}`;
}

/** A DATE's JSON text as the pg driver reads it (db/client.ts), a TIMESTAMPTZ's ("…T…+00:00") as its instant. */
function parseDateValue(value: string): Date {
  return value.includes('T') ? new Date(value) : parseDate(value);
}

/**
 * A function making a row object of a nested row's array, as one object literal: V8 gives every row of a
 * node the same shape at once, where setting the properties one by one went through a transition each.
 * The property names are the tables' column names and the steps' names, from code, never from input.
 */
function rowMaker(properties: readonly string[], derived: readonly (readonly [column: string, index: number, idIndex: number])[] = []): (values: unknown[]) => Json {
  const made = [
    ...properties.map((p, i) => `${JSON.stringify(p)}: v[${i}]`),
    // A derived foreign key: the ID of the row its step fetched (null when the step's condition left none).
    ...derived.map(([column, index, idIndex]) => `${JSON.stringify(column)}: v[${index}] === null ? null : v[${index}][${idIndex}]`),
  ];
  return new Function('v', `return { ${made.join(', ')} };`) as (values: unknown[]) => Json;
}

/** rowMaker's function for a node's rows. */
function makerOf(node: PlanNode): (values: unknown[]) => Json {
  const properties = propertiesOf(node);
  const derived = derivedOf(node).map(([column, step]) => {
    const child = node.steps.get(step)!.node;
    const idIndex = columnsOf(child).indexOf('id');
    if (idIndex < 0) throw new Error(`The ${child.entity} rows of step ${step} have no id to make ${column} of`);
    return [column, properties.indexOf(`$${step}`), idIndex] as const;
  });
  return rowMaker(properties, derived);
}

/** A nested row (a JSON array, see rowArray) made what the entity's loader gives (DATEs as Dates), with the rows below it. */
function convert(node: PlanNode, values: unknown[]): Json {
  const json = (node.make ??= makerOf(node))(values);
  const table = TABLES[node.entity];
  for (const column of table.dates) {
    const value = json[column];
    if (typeof value === 'string') json[column] = parseDateValue(value);
  }
  for (const column of table.floats ?? []) {
    const value = json[column];
    if (typeof value === 'string') json[column] = Number(value);
  }
  if (node.steps.size > 0) convertSteps(node, json);
  return json;
}

/** The steps' JSON of a row made rows, in place. */
function convertSteps(node: PlanNode, json: Json): void {
  for (const [name, { link, node: child }] of node.steps) {
    const key = STEP_KEYS[name as keyof typeof STEP_KEYS];
    const value = json[key];
    if (link.kind === 'many') json[key] = (value as unknown[][]).map((row) => convert(child, row));
    else if (value !== null && value !== undefined) json[key] = convert(child, value as unknown[]);
  }
}

/** Per request (by its set of loaders), each plan's loaders by parent ID: of its steps' JSON, and of whole rows. */
const PLAN_LOADERS = new WeakMap<object, Record<'steps' | 'rows', Map<Plan, DataLoader<string, Json | null>>>>();

/** A loader of `plan`'s steps by parent ID or, `whole`, of its root rows (their own columns too) by ID. */
function planLoader(ctx: Pick<Context, 'sql' | 'loaders'>, plan: Plan, whole = false): DataLoader<string, Json | null> {
  let loaders = PLAN_LOADERS.get(ctx.loaders);
  if (!loaders) PLAN_LOADERS.set(ctx.loaders, (loaders = { steps: new Map(), rows: new Map() }));
  const byPlan = whole ? loaders.rows : loaders.steps;
  let loader = byPlan.get(plan);
  if (!loader) {
    loader = new DataLoader<string, Json | null>(async (ids) => {
      const sql = whole ? (plan.rowsSql ??= planRowsSql(plan)) : (plan.sql ??= planSql(plan));
      const rows = await ctx.sql.query<Json>(sql, [ids], { prepare: true });
      const byId = new Map(rows.map((row) => [(whole ? row.id : row.$id) as string, row]));
      return ids.map((id) => {
        const row = byId.get(id);
        if (!row) return null;
        convertSteps(plan.root, row);
        return row;
      });
    });
    byPlan.set(plan, loader);
  }
  return loader;
}

/**
 * Rows by ID, read with their plan as a root list's are: the columns the field's selection reads and what it
 * reaches below them, for every ID asked in the same tick in one statement. Undefined when the context reads
 * every level through its loader. A row asked twice is one object: no resolver changes a row.
 */
export function rowsWithSelection<T>(ctx: Pick<Context, 'sql' | 'prefetch' | 'loaders'>, info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>, type: keyof typeof PATHS, ids: readonly string[]): Promise<(T | null)[]> | undefined {
  if (!ctx.prefetch) return undefined;
  const loader = planLoader(ctx, planFor(info, type), true);
  // load() per key rather than loadMany(): a failed statement must fail the field, not shorten the list.
  return Promise.all(ids.map((id) => loader.load(id))) as Promise<(T | null)[]>;
}

/**
 * Rows a field resolved through a loader (a root lookup by slug or ID), each copied with what the field's selection
 * reaches below it: fetched for every row the field resolves in the same tick in one statement (a loader per
 * plan), where each level below went through its own loader. The copies keep the loader's cached rows as they
 * were, for fields on other paths, whose selection may need other columns.
 */
export async function withSelection<T extends { id: string }>(ctx: Pick<Context, 'sql' | 'prefetch' | 'loaders'>, info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>, type: keyof typeof PATHS, rows: T[]): Promise<T[]> {
  if (!ctx.prefetch || rows.length === 0) return rows;
  const plan = planFor(info, type);
  if (plan.size === 0) return rows;
  const loader = planLoader(ctx, plan);
  const fetched = await Promise.all(rows.map((row) => loader.load(row.id)));
  return rows.map((row, i) => {
    const steps = fetched[i];
    if (!steps) return row;
    const own: Json = { ...row };
    for (const name of plan.root.steps.keys()) {
      const key = STEP_KEYS[name as keyof typeof STEP_KEYS];
      own[key] = steps[key];
    }
    return own as T;
  });
}

/** A root row, returned once what its selection reaches is fetched. */
export async function prefetchOne<T extends { id: string }>(ctx: Context, info: GraphQLResolveInfo, type: keyof typeof PATHS, row: T | null): Promise<T | null> {
  return row && (await withSelection(ctx, info, type, [row]))[0]!;
}

/**
 * How a root list reads its rows with what they lead to (pagination.ts sqlKeysetQuery); undefined when
 * the context reads every level through its loader.
 */
export function rootSelection(ctx: Pick<Context, 'prefetch'>, info: GraphQLResolveInfo, type: keyof typeof PATHS, path: readonly string[] = ['edges', 'node']): RootSelection | undefined {
  if (!ctx.prefetch) return undefined;
  const plan = planFor(info, type, path);
  return { readsCursors: plan.readsCursors, select: (alias, keep) => rootSelect(plan, alias, keep), rows: (rows) => withFetched(plan, rows) };
}

export interface RootSelection {
  /** Whether the connection's cursors are read: the columns they are made of are read only then. */
  readsCursors: boolean;
  select: (alias: string, keep: readonly string[]) => string;
  rows: <Row>(rows: Row[]) => Row[];
}

/**
 * A root row by slug with what its selection reaches, in one statement; through `load` (its loader)
 * when the context reads every level through its loader.
 */
export async function rootBySlug<Row>(ctx: Context, info: GraphQLResolveInfo, type: 'Organization' | 'Person', slug: string, load: () => Promise<Row | null>): Promise<Row | null> {
  if (!ctx.prefetch) return load();
  const plan = planFor(info, type);
  const rows = await ctx.sql.query<Row>(`SELECT ${rootSelect(plan, 'p')} FROM "${TABLES[type].name}" p WHERE p.slug = $1`, [slug], { prepare: true });
  return withFetched(plan, rows)[0] ?? null;
}
