// Every string argument is data, bounded by its purpose: checked once for the whole schema, before
// any resolver runs, so no argument can be forgotten. A NUL character or an unpaired surrogate
// (PostgreSQL and UTF-8 cannot hold them), an over-long string, or an over-long list gets
// BAD_USER_INPUT naming the argument; the value itself is never echoed or logged.
import { defaultFieldResolver, type GraphQLArgument, type GraphQLSchema, isObjectType } from 'graphql';
import { badUserInput } from '../errors.js';
import { MAX_PAGE_SIZE } from '../resolvers/pagination.js';

/** Longest accepted value of string arguments and input fields, by name; others get DEFAULT_MAX_LENGTH. */
export const MAX_LENGTH: Readonly<Record<string, number>> = {
  // Slugs of organizations, persons, incidents, sources.
  slug: 100, perpetrator: 100, organization: 100, componentOf: 100, subject: 100, source: 100,
  country: 10, nationality: 10, language: 35, topic: 100,
  // Dates in the API's notation: "2020-11-26/2020-11-27" is 21 characters.
  from: 50, to: 50, asOf: 50, date: 50,
  // Cursors and global IDs the API hands out are under 200 characters.
  after: 500, before: 500, id: 200, ids: 200,
  // Free text: resolvers bound the normalised form to 200 characters (src/text-limits.ts).
  query: 400, name: 400, nameContains: 400,
};
export const DEFAULT_MAX_LENGTH = 500;
/** Longest list argument: a page (global IDs for `nodes`), or every value of an enum. */
export const MAX_LIST_LENGTH = MAX_PAGE_SIZE;

// A NUL, or a surrogate half without its other half (JSON can carry "\ud800" alone).
const UNREPRESENTABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function check(value: unknown, name: string, path: string): void {
  if (typeof value === 'string') {
    if (UNREPRESENTABLE.test(value)) throw badUserInput(`"${path}" contains a NUL character or an unpaired surrogate.`, path);
    const max = MAX_LENGTH[name] ?? DEFAULT_MAX_LENGTH;
    if (value.length > max) throw badUserInput(`"${path}" must be at most ${max} characters; got ${value.length}.`, path);
  } else if (Array.isArray(value)) {
    if (value.length > MAX_LIST_LENGTH) throw badUserInput(`"${path}" may hold at most ${MAX_LIST_LENGTH} values; got ${value.length}.`, path);
    value.forEach((item, i) => check(item, name, `${path}[${i}]`));
  } else if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    for (const [key, field] of Object.entries(value)) check(field, key, `${path}.${key}`);
  }
}

/** Checks a field's coerced arguments (literals and variables alike); throws on the first bad one. */
export function checkArguments(args: Record<string, unknown>, definitions: readonly GraphQLArgument[]): void {
  for (const { name } of definitions) check(args[name], name, name);
}

/** Wraps the resolver of every field that takes arguments with checkArguments. */
export function guardArguments(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (field.args.length === 0) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      const definitions = field.args;
      field.resolve = (source, args, context, info) => {
        checkArguments(args, definitions);
        return resolve(source, args, context, info);
      };
    }
  }
  return schema;
}
