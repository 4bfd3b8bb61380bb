import SchemaBuilder, { brandWithType } from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import ErrorsPlugin from '@pothos/plugin-errors';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import { DateResolver, DateTimeResolver, JSONObjectResolver, SafeIntResolver } from 'graphql-scalars';
import { GraphQLError, isObjectType, type GraphQLSchema } from 'graphql';
import type { Context } from '../context.js';
import { fieldCost } from '../http/cost.js';
import { badUserInput, ErrorCode } from '../errors.js';

const ROLE_RANK = { READER: 1, EDITOR: 2, REVIEWER: 3, ADMIN: 4 } as const;

/** A global ID naming a type that is not a Node is a client error, not a server fault. */
function assertNodeType(schema: GraphQLSchema, typename: string) {
  const type = schema.getType(typename);
  if (!isObjectType(type) || !type.getInterfaces().some((i) => i.name === 'Node')) {
    throw badUserInput(`The global ID names "${typename}", which is not a type of this API.`, 'id');
  }
}

/**
 * Marks a loaded object with its type for the Node interface. The relay plugin marks objects once their
 * batch is loaded, but a second `node` or `nodes` for the same ID in one operation is handed the first
 * one's pending promise from its cache, which can settle before the mark: the object then had no type
 * and the field failed with graphql-js's "Abstract type Node must resolve to an Object type".
 */
function branded<T>(node: T, typename: string): T {
  if (node !== null && typeof node === 'object') brandWithType(node, typename as never);
  return node;
}

export const builder = new SchemaBuilder<{
  Context: Context;
  Scalars: { Date: { Input: Date; Output: Date }; DateTime: { Input: Date; Output: Date }; JSONObject: { Input: Record<string, unknown>; Output: Record<string, unknown> }; SafeInt: { Input: number; Output: number } };
  DefaultFieldNullability: false;
  DefaultInputFieldRequiredness: false;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
  /** What the caller's verified key allows, each role all that the one before it does (src/auth/api-keys.ts). */
  AuthScopes: { reader: boolean; editor: boolean; reviewer: boolean; admin: boolean };
}>({
  // Relay first, so that scopes would see parsed global IDs.
  // Errors before scopes: a refused scope stays a GraphQL error (UNAUTHENTICATED, FORBIDDEN), not a result.
  plugins: [RelayPlugin, ErrorsPlugin, ScopeAuthPlugin, ComplexityPlugin],
  errors: { directResult: true, defaultUnionOptions: { name: ({ fieldName }) => `${fieldName[0]!.toUpperCase()}${fieldName.slice(1)}Result` } },
  scopeAuth: {
    authScopes: ({ identity }) => {
      const rank = identity.kind === 'key' ? ROLE_RANK[identity.role] : 0;
      return { reader: rank >= 1, editor: rank >= 2, reviewer: rank >= 3, admin: rank >= 4 };
    },
    // A GraphQL error with its code: the plugin's own error would be masked as an argument error.
    unauthorizedError: (_parent, { identity }) => identity.kind === 'anonymous'
      ? new GraphQLError('This needs an API key: send Authorization: Bearer <key>.', { extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } } })
      : new GraphQLError(`A ${identity.role.toLowerCase()} key may not do this.`, { extensions: { code: ErrorCode.FORBIDDEN, http: { status: 403 } } }),
  },
  defaultFieldNullability: false,
  // Costs only: the limit is checked once per operation, before execution, by useCostLimit (src/http/cost.ts).
  complexity: { fieldComplexity: fieldCost, disabled: true },
  relay: {
    cursorType: 'String',
    clientMutationId: 'omit',
    nodeTypeOptions: { description: 'An object with a globally unique, opaque ID, fetchable with `node(id:)`.' },
    pageInfoTypeOptions: { description: 'Where a page of a connection sits in the whole list.' },
    idFieldOptions: { description: 'Opaque global ID: pass it to `node(id:)` to fetch this object again.' },
    nodeQueryOptions: {
      description: 'Fetches any object by its global ID; null when no such object exists.',
      nullable: true,
      args: { id: { description: 'A global ID, as returned in any `id` field.' } },
      resolve: async (_root, { id }, _ctx, info, resolveNode) => {
        assertNodeType(info.schema, id.typename);
        return branded(await resolveNode(id), id.typename);
      },
    },
    nodesQueryOptions: {
      description: 'Fetches several objects by global ID, in the order given; null for each unknown ID.',
      args: { ids: { description: 'Global IDs, as returned in `id` fields.' } },
      resolve: async (_root, { ids }, _ctx, info, resolveNodes) => {
        for (const id of ids) assertNodeType(info.schema, id.typename);
        const nodes = await Promise.all(await resolveNodes(ids));
        return nodes.map((node, i) => branded(node, ids[i]!.typename));
      },
    },
    cursorFieldOptions: { description: 'Opaque cursor of this edge, for `after` or `before`.' },
    nodeFieldOptions: { description: 'The object at this edge.', nullable: false },
    edgesFieldOptions: { description: 'The edges of this page.', nullable: false },
    pageInfoFieldOptions: { description: 'Cursors and flags to fetch the neighbouring pages.' },
    hasNextPageFieldOptions: { description: 'True when more items follow this page.' },
    hasPreviousPageFieldOptions: { description: 'True when items precede this page.' },
    startCursorFieldOptions: { description: 'Cursor of the first edge of this page.' },
    endCursorFieldOptions: { description: 'Cursor of the last edge of this page.' },
    firstArgOptions: { description: 'Page size counted from the start or from `after` (at most 100).' },
    lastArgOptions: { description: 'Page size counted from the end or from `before` (at most 100).' },
    afterArgOptions: { description: 'Return items after this cursor.' },
    beforeArgOptions: { description: 'Return items before this cursor.' },
    defaultConnectionTypeOptions: { description: 'A page of a list, with cursors (Relay connection).' },
    defaultEdgeTypeOptions: { description: 'One item of a page, with its cursor.' },
  },
});

builder.addScalarType('Date', DateResolver, {
  description: 'A calendar day in ISO 8601 form, "2017-03-02".',
});

builder.addScalarType('DateTime', DateTimeResolver, {
  description: 'An instant in ISO 8601 form, in UTC: "2026-11-26T00:40:43.000Z".',
});

builder.addScalarType('JSONObject', JSONObjectResolver, {
  description: 'A JSON object: a record\'s columns as a revision holds them.',
});

builder.addScalarType('SafeInt', SafeIntResolver, {
  description: 'An integer up to 2^53 - 1 (9007199254740991), exact in JSON and JavaScript: revision sequences outgrow 32 bits.',
});

builder.queryType({ description: 'The entry points: look up, list, filter and aggregate the knowledge graph.' });

builder.mutationType({
  description: 'Writes, each one transaction under the provenance rules the importers obey, each leaving revisions. Editors write facts and sources; reviewers also retract and revert.',
});

builder.subscriptionType({ description: 'Changes as they are written, over Server-Sent Events (GraphQL over SSE).' });
