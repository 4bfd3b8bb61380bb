// What an operation may cost, counted the way GitHub's and Shopify's APIs count it: each object a
// field can return costs 1, scalars cost nothing, and a list multiplies the cost of what is below it
// by how many items it can hold (a connection's `first`/`last`, a list's page argument, otherwise an
// estimate). The cost is computed from the document and variables before anything runs; an operation
// over the limit is refused before any resolver or SQL.
import type { FieldComplexityValue } from '@pothos/plugin-complexity';
import { complexityFromQuery } from '@pothos/plugin-complexity';
import { PothosValidationError } from '@pothos/core';
import { getNamedType, getOperationAST, GraphQLError, isLeafType, isListType, isNonNullType, Kind, type DocumentNode, type OperationDefinitionNode, type GraphQLField, type GraphQLOutputType } from 'graphql';
import { isAsyncIterable, isPromise, type Plugin } from 'graphql-yoga';
import { getVariableValues } from 'graphql/execution/values.js';
import { badUserInput, ErrorCode } from '../errors.js';
import { MAX_PAGE_SIZE } from '../resolvers/pagination.js';
import { checkOperationArguments } from '../schema/argument-guard.js';
import { normalizeText } from '../search/normalize.js';
import { searchTerms } from '../search/search.js';

/** Items a plain list (aliases, components, citations) is counted as holding: they are small, not bounded. */
export const LIST_ESTIMATE = 10;

const isList = (type: GraphQLOutputType): boolean => isListType(isNonNullType(type) ? type.ofType : type);

function pageArgument<C>(args: Record<string, unknown>, field: GraphQLField<unknown, C>): number | undefined {
  // Ranges are checked before any cost (checkOperationArguments); never less than nothing all the same.
  for (const name of ['first', 'last'] as const) {
    if (typeof args[name] === 'number') return Math.max(0, args[name] as number);
  }
  const declared = field.args.find((a) => a.name === 'first');
  if (!declared) return undefined;
  return typeof declared.defaultValue === 'number' ? declared.defaultValue : MAX_PAGE_SIZE;
}

/**
 * The cost of one field, given its arguments (Pothos' complexity plugin calls it for every field, and
 * adds `field` plus `multiplier` times the cost of the field's selection).
 */
export function fieldCost<C>(args: Record<string, unknown>, _ctx: C, field: GraphQLField<unknown, C>): FieldComplexityValue {
  const named = getNamedType(field.type);
  if (isLeafType(named)) return { field: 0, multiplier: 0 };
  if (Array.isArray(args.ids)) return { field: args.ids.length, multiplier: args.ids.length };
  // A connection's edges were counted by the connection field (its `first`), each node by itself.
  if (field.name === 'edges') return { field: 0, multiplier: 1 };
  const page = pageArgument(args, field);
  // A text search's database work grows with its distinct words (each is looked up, ranked, highlighted).
  const text = typeof args.query === 'string' ? args.query : field.name === 'resolveEntity' && typeof args.name === 'string' ? args.name : undefined;
  if (text !== undefined) {
    const terms = Math.max(1, searchTerms(normalizeText(text)).length);
    return { field: (page ?? 1) * terms, multiplier: page ?? 1 };
  }
  if (page !== undefined) return isList(field.type) ? { field: page, multiplier: page } : { field: 1, multiplier: page };
  if (isList(field.type)) return { field: LIST_ESTIMATE, multiplier: LIST_ESTIMATE };
  return { field: 1, multiplier: 1 };
}

/** The selected operation with its fragments: the plugin's calculator reads the first operation of a document. */
function selectedOperation(document: DocumentNode, operationName: string | null | undefined): DocumentNode | null {
  const operation = getOperationAST(document, operationName);
  if (!operation) return null;
  return { kind: Kind.DOCUMENT, definitions: [operation, ...document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION)] };
}

export interface CostReport {
  /** What the operation may cost at most, from its shape and variables. */
  requested: number;
  /** The most one operation may cost. */
  limit: number;
}

/**
 * Costs computed, by document (the parser's cache hands the same one for the same text), then by
 * operation name and variables: a cost depends on nothing else, and clients repeat their operations.
 * Walking the selection was a tenth of the CPU of the one-coalition question, in process.
 */
const computed = new WeakMap<DocumentNode, Map<string, number>>();
/**
 * Operation name and variable sets remembered per document, the oldest forgotten first, and the longest
 * key kept (longer variables are costed at each request): with the parser's 1,024 documents, at most a
 * few megabytes, whatever clients send.
 */
const COSTS_PER_DOCUMENT = 32;
const MAX_COST_KEY = 256;

function costKey(operationName: string | null | undefined, variables: Record<string, unknown>): string | undefined {
  // Without variables (most repeated operations), the name alone: no JSON to write and hash.
  const key = hasKeys(variables) ? `${operationName ?? ''}\u0000${JSON.stringify(variables)}` : operationName ?? '';
  return key.length > MAX_COST_KEY ? undefined : key;
}

function hasKeys(object: Record<string, unknown>): boolean {
  for (const key in object) if (Object.hasOwn(object, key)) return true;
  return false;
}

function remember(document: DocumentNode, key: string, cost: number) {
  let costs = computed.get(document);
  if (!costs) computed.set(document, (costs = new Map()));
  if (costs.size >= COSTS_PER_DOCUMENT) costs.delete(costs.keys().next().value!);
  costs.set(key, cost);
}

/**
 * Where the cost of the current request is kept for later hooks (logs, metrics): on the request (on the
 * context when there is none), under this module's symbol. The request log reads it when the response
 * goes; a version that kept the context in the log's record, keyed by the request the context holds,
 * cost 20 µs a request under `{ __typename }` (alternating servers), and a WeakMap by request costs its
 * share of the ephemerons every garbage collection traces (see observability.ts).
 */
const COST = Symbol('operation cost');
type Costed = { [COST]?: CostReport };
/** A refusal, or what the budget says to add to the cost report. */
type Verdict = GraphQLError | Record<string, unknown> | void;
export const costOf = (request: object): CostReport | undefined => (request as Costed)[COST];

export interface CostOptions {
  limit: number;
  /** Whether answers may come from a response cache: they are reported as costing nothing. */
  cached?: boolean;
  /** Called with the cost before execution; may refuse the operation by returning an error (rate limiting). */
  admit?: (cost: CostReport, context: object) => Verdict | Promise<Verdict>;
}

type ExecuteDoneHook = NonNullable<Extract<ReturnType<NonNullable<Plugin['onExecute']>>, { onExecuteDone?: unknown }>['onExecuteDone']>;

/** Puts the operation's cost in its response's extensions (with @defer or @stream, in the first payload). */
function reportCost(cost: CostReport): ExecuteDoneHook {
  return ({ result }) => {
    if (isAsyncIterable(result)) {
      let first = true;
      return {
        onNext({ result: payload, setResult: setPayload }) {
          if (!first) return;
          first = false;
          setPayload({ ...payload, extensions: { ...payload.extensions, cost } });
        },
      };
    }
    // Set on the result itself, not on a copy: each execution's result is its own (graphql-js and
    // graphql-jit build one per execution; the response cache, with `includeExtensionMetadata` as
    // response-cache.ts sets it, hands a copy of what it keeps, which test/response-cache.test.ts holds
    // to), and a copy put in its place cost 9-17 µs more a request over HTTP (`{ __typename }`).
    (result as { extensions?: Record<string, unknown> }).extensions = { ...result.extensions, cost };
    return undefined;
  };
}

/**
 * Computes every operation's cost before it runs, refuses it over the limit (QUERY_TOO_COSTLY), and
 * reports `extensions.cost` in every executed response.
 */
export function useCostLimit({ limit, admit, cached = false }: CostOptions): Plugin {
  // An answer from the response cache ran nothing and spends nothing; it says so. Without a cache, no
  // hook: each one is a step for every request.
  const reportCached: Plugin['onResultProcess'] = ({ result, setResult }) => {
    if (Array.isArray(result) || Symbol.asyncIterator in result) return;
    const extensions = (result as { extensions?: Record<string, any> }).extensions;
    if (extensions?.responseCache?.hit && !extensions.cost) setResult({ ...result, extensions: { ...extensions, cost: { requested: 0, limit, cached: true } } });
  };
  return {
    ...(cached ? { onResultProcess: reportCached } : {}),
    onExecute({ args, setResultAndStopExecution }) {
      const variables = (args.variableValues ?? {}) as Record<string, unknown>;
      const key = costKey(args.operationName, variables);
      let requested = key === undefined ? undefined : computed.get(args.document)?.get(key);
      if (requested === undefined) {
        try {
          const document = selectedOperation(args.document, args.operationName);
          if (!document) return;
          const operation = document.definitions[0] as OperationDefinitionNode;
          const coerced = getVariableValues(args.schema, operation.variableDefinitions ?? [], variables);
          // Variables of the wrong type are refused by graphql-js before any resolver, with its own message.
          if (coerced.errors) return;
          // A page size or count out of its range refuses the whole operation, before its cost is read.
          checkOperationArguments(args.schema, document, coerced.coerced);
          requested = complexityFromQuery(document, { schema: args.schema, ctx: args.contextValue as object, variables }).complexity;
          if (key !== undefined) remember(args.document, key, requested);
        } catch (error) {
          // An argument the calculator cannot read (an ID that is no ID): without a cost the operation does
          // not run, or a bad ID beside an expensive selection would pass the limit. The value is not echoed.
          // Variables of the wrong type are refused by graphql-js before any resolver, with its own message.
          if (error instanceof GraphQLError && error.message.startsWith('Variable "$')) return;
          if (error instanceof GraphQLError && error.extensions.code === ErrorCode.BAD_USER_INPUT) {
            setResultAndStopExecution({ errors: [error] });
            return;
          }
          if (!(error instanceof PothosValidationError || error instanceof GraphQLError)) throw error;
          const message = error.message.startsWith('Invalid global ID')
            ? 'Invalid global ID: not an ID this API hands out.'
            : 'An argument is not of the form its field takes: nothing was run.';
          setResultAndStopExecution({ errors: [badUserInput(message)] });
          return;
        }
      }
      const cost: CostReport = { requested, limit };
      const context = args.contextValue as { request?: Request };
      ((context.request ?? context) as Costed)[COST] = cost;
      if (requested > limit) {
        setResultAndStopExecution({
          errors: [new GraphQLError(`This operation may cost ${requested}, over the limit of ${limit} per operation: ask for smaller pages (first/last) or fewer nested lists.`, {
            extensions: { code: ErrorCode.QUERY_TOO_COSTLY, cost },
          })],
          extensions: { cost },
        });
        return;
      }
      const admitted = (verdict: Verdict) => {
        if (verdict instanceof GraphQLError) {
          setResultAndStopExecution({ errors: [verdict], extensions: { cost: { ...cost, ...(verdict.extensions.cost as object) } } });
          return;
        }
        if (verdict) Object.assign(cost, verdict);
        return { onExecuteDone: reportCost(cost) };
      };
      // A budget counted in memory answers at once, and then nothing waits: the operation runs in the same tick.
      const verdict = admit?.(cost, context);
      return isPromise(verdict) ? verdict.then(admitted) : admitted(verdict);
    },
  };
}
