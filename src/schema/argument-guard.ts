// Every argument is data, bounded by its purpose: checked once for the whole schema, so no argument
// can be forgotten. A NUL character or an unpaired surrogate (PostgreSQL and UTF-8 cannot hold them), an
// over-long string or list, or a number outside its field's range gets BAD_USER_INPUT naming the
// argument; the value itself is never echoed or logged.
//
// The check runs twice: over the whole operation before its cost is computed (src/http/cost.ts), so that a
// bad argument refuses the operation instead of nulling one nullable field while the rest runs (a
// negative page size would otherwise subtract from the cost and the client's budget), and in each
// resolver, for callers that execute the schema directly.
import {
  defaultFieldResolver, getNamedType, isInputObjectType, isListType, isNonNullType, isObjectType, isScalarType,
  Kind, type DocumentNode, type GraphQLField, type GraphQLInputType, type GraphQLSchema, TypeInfo, visit, visitWithTypeInfo,
} from 'graphql';
import { getArgumentValues } from 'graphql/execution/values.js';
import { badUserInput } from '../errors.js';
import { MAX_PAGE_SIZE } from '../resolvers/pagination.js';
import { MAX_COMPONENT_DEPTH } from '../resolvers/organizations.js';
import { MAX_STATS_BUCKETS } from '../resolvers/stats.js';
import { TIMELINE_MAX } from '../resolvers/timeline.js';
import { MAX_SEARCH_RESULTS } from './search.js';

/** Longest accepted value of string arguments and input fields, by name; others get DEFAULT_MAX_LENGTH. */
export const MAX_LENGTH: Readonly<Record<string, number>> = {
  // Slugs of organizations, persons, incidents, sources.
  slug: 100, perpetrator: 100, organization: 100, componentOf: 100, subject: 100, source: 100,
  country: 10, nationality: 10, language: 35, topic: 100,
  // Dates in the API's notation: "2020-11-26/2020-11-27" is 21 characters.
  from: 50, to: 50, asOf: 50, date: 50,
  // Cursors and global IDs the API hands out are under 200 characters.
  after: 500, before: 500, id: 200, ids: 200,
  // Free text: resolvers bound the normalised form to 200 characters (src/search/text-limits.ts).
  query: 400, name: 400, nameContains: 400,
  // Writes: a source's text (bodies are at most 2 MB), a quoted passage, free texts a citation must carry.
  text: 1_000_000, quote: 5_000, summary: 10_000, biography: 10_000, ideology: 5_000, description: 5_000, statement: 5_000,
  reasoning: 2_000, reason: 2_000, url: 2_000,
};
export const DEFAULT_MAX_LENGTH = 500;
/** Longest list argument: a page (global IDs for `nodes`), or every value of an enum. */
export const MAX_LIST_LENGTH = MAX_PAGE_SIZE;

/** The smallest and largest value a number may take, both allowed. */
export type Range = readonly [min: number, max: number];

/**
 * The range of every Int and Float argument and input field: by coordinate (`Type.field.argument`, or
 * `Input.field`), else by name. A number without one makes the schema fail to build (numericRanges), so a
 * new argument cannot arrive unbounded.
 */
export const RANGES: Readonly<Record<string, Range>> = {
  // Relay connections' page sizes.
  first: [0, MAX_PAGE_SIZE], last: [0, MAX_PAGE_SIZE],
  'Organization.timeline.first': [0, TIMELINE_MAX], 'Organization.timeline.last': [0, TIMELINE_MAX],
  'Query.search.first': [1, MAX_SEARCH_RESULTS],
  'Query.incidentStats.first': [1, MAX_STATS_BUCKETS],
  'Organization.components.maxDepth': [1, MAX_COMPONENT_DEPTH],
  'Query.mergeCandidates.minScore': [0, 1],
  // PostgreSQL's integer column: a larger count matches nothing and is no question.
  'IncidentFilter.minKilled': [0, 2_147_483_647],
  // Writes: counts fit the integer columns, estimates PostgreSQL's double precision; a point is on Earth.
  'CountInput.min': [0, 2_147_483_647], 'CountInput.max': [0, 2_147_483_647],
  'EstimateInput.min': [0, 1e15], 'EstimateInput.max': [0, 1e15],
  'CoordinatesInput.latitude': [-90, 90], 'CoordinatesInput.longitude': [-180, 180],
  // A revision is a sequence: the API hands out none below 0 (a record older than the history is at 0).
  revision: [0, Number.MAX_SAFE_INTEGER],
};

/** The numbers the schema takes, each with its range: refuses a schema with a number that has none. */
function numericRanges(schema: GraphQLSchema): Map<string, Range> {
  const ranges = new Map<string, Range>();
  const missing: string[] = [];
  const isNumber = (type: GraphQLInputType) => {
    const named = getNamedType(type);
    return isScalarType(named) && (named.name === 'Int' || named.name === 'Float' || named.name === 'SafeInt');
  };
  const add = (coordinate: string, name: string) => {
    const range = RANGES[coordinate] ?? RANGES[name];
    if (range) ranges.set(coordinate, range);
    else missing.push(coordinate);
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (isObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        for (const arg of field.args) if (isNumber(arg.type)) add(`${type.name}.${field.name}.${arg.name}`, arg.name);
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) if (isNumber(field.type)) add(`${type.name}.${field.name}`, field.name);
    }
  }
  if (missing.length > 0) throw new Error(`Numeric arguments without a range in RANGES (src/schema/argument-guard.ts): ${missing.join(', ')}`);
  return ranges;
}

// A NUL, or a surrogate half without its other half (JSON can carry "\ud800" alone).
const UNREPRESENTABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function checkNumber(value: number, path: string, range: Range | undefined): void {
  if (!range) return;
  const [min, max] = range;
  if (!Number.isFinite(value) || value < min || value > max) throw badUserInput(`"${path}" must be between ${min} and ${max}; got ${value}.`, path);
}

/**
 * Checks one value against its declared type: strings by their name's length, numbers by their
 * coordinate's range, lists by length, input objects field by field.
 */
function check(value: unknown, type: GraphQLInputType, name: string, coordinate: string, path: string, ranges: Map<string, Range>): void {
  if (value === null || value === undefined) return;
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) {
    const items = Array.isArray(value) ? value : [value];
    if (items.length > MAX_LIST_LENGTH) throw badUserInput(`"${path}" may hold at most ${MAX_LIST_LENGTH} values; got ${items.length}.`, path);
    items.forEach((item, i) => check(item, inner.ofType, name, coordinate, `${path}[${i}]`, ranges));
  } else if (isInputObjectType(inner)) {
    if (typeof value !== 'object') return;
    const fields = inner.getFields();
    for (const [key, field] of Object.entries(value as Record<string, unknown>)) {
      const definition = fields[key];
      if (definition) check(field, definition.type, key, `${inner.name}.${key}`, `${path}.${key}`, ranges);
    }
  } else if (typeof value === 'string') {
    if (UNREPRESENTABLE.test(value)) throw badUserInput(`"${path}" contains a NUL character or an unpaired surrogate.`, path);
    // A global ID is bounded as one, whatever its field is named (a write's `to`, `organization`, `source`).
    const max = (getNamedType(inner).name === 'ID' ? MAX_LENGTH.id : MAX_LENGTH[name]) ?? DEFAULT_MAX_LENGTH;
    if (value.length > max) throw badUserInput(`"${path}" must be at most ${max} characters; got ${value.length}.`, path);
  } else if (typeof value === 'number') {
    checkNumber(value, path, ranges.get(coordinate));
  }
}

/** Checks a field's coerced arguments (literals and variables alike); throws on the first bad one. */
function checkArguments(args: Record<string, unknown>, parent: string, field: GraphQLField<unknown, unknown>, ranges: Map<string, Range>): void {
  for (const { name, type } of field.args) check(args[name], type, name, `${parent}.${field.name}.${name}`, name, ranges);
}

const rangesOf = new WeakMap<GraphQLSchema, Map<string, Range>>();

/**
 * Checks the arguments of every field of an operation, as they will be coerced, before anything runs:
 * throws BAD_USER_INPUT on the first bad one. `variables` are the coerced values of the operation's
 * variables. Fields of every fragment of the document are checked, used or skipped alike.
 */
export function checkOperationArguments(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown>): void {
  // The schema served is the code's with the plugins' additions (@defer, @stream): a schema of its own, read once.
  let ranges = rangesOf.get(schema);
  if (!ranges) rangesOf.set(schema, (ranges = numericRanges(schema)));
  const typeInfo = new TypeInfo(schema);
  visit(document, visitWithTypeInfo(typeInfo, {
    [Kind.FIELD](node) {
      const field = typeInfo.getFieldDef();
      const parent = typeInfo.getParentType();
      if (!field || !parent || field.args.length === 0) return;
      checkArguments(getArgumentValues(field, node, variables), parent.name, field as GraphQLField<unknown, unknown>, ranges);
    },
  }));
}

/** Wraps the resolver of every field that takes arguments with checkArguments. */
export function guardArguments(schema: GraphQLSchema): GraphQLSchema {
  const ranges = numericRanges(schema);
  rangesOf.set(schema, ranges);
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (field.args.length === 0) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      const parent = type.name;
      field.resolve = (source, args, context, info) => {
        checkArguments(args, parent, field as GraphQLField<unknown, unknown>, ranges);
        return resolve(source, args, context, info);
      };
    }
  }
  return schema;
}
