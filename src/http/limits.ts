// Limits on the shape of an operation, checked at validation, before any resolver or SQL runs.
// A public graph is open to documents built to exhaust it: nesting the organization graph a
// hundred levels deep, or aliasing `search` a thousand times in one request.
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import type { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { ErrorCode } from '../errors.js';

/**
 * The deepest operation the API answers. The deepest useful path, an organization's components'
 * leaders' aliases' citations' sources inside a connection, is 11 levels; introspection is exempt.
 */
export const MAX_DEPTH = 15;
/** Aliased fields per operation: enough for a dashboard's side-by-side queries, not for amplification. */
export const MAX_ALIASES = 30;
/** Lexical tokens per document: a large hand-written operation is under 1,000. */
export const MAX_TOKENS = 5_000;

// GraphQL Armor's errors carry no code; clients get the one code for "operation too large".
const withCode = [(_: unknown, error: GraphQLError) => void ((error.extensions as Record<string, unknown>).code = ErrorCode.QUERY_TOO_COMPLEX)];

export function useOperationLimits(): Plugin[] {
  return [
    maxTokensPlugin({ n: MAX_TOKENS, onReject: withCode }),
    maxDepthPlugin({ n: MAX_DEPTH, onReject: withCode }),
    maxAliasesPlugin({ n: MAX_ALIASES, onReject: withCode }),
  ] as Plugin[];
}
