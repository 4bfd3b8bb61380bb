// A minimal typed client: any operation document from ./generated carries its result and variable types.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';

export class GraphQLRequestError extends Error {
  constructor(readonly errors: { message: string; extensions?: { code?: string } }[]) {
    super(errors.map((e) => `${e.extensions?.code ?? 'ERROR'}: ${e.message}`).join('; '));
  }
}

export type Fetch = (url: string, init: { method: string; headers: Record<string, string>; body: string }) => Promise<Response>;

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

type Body<Result> = { data?: Result; errors?: { message: string; extensions?: { code?: string } }[] };

export interface ClientOptions {
  /**
   * Send the document's SHA-256 instead of its text (Apollo's persisted-query protocol): a server that
   * does not know it yet answers PERSISTED_QUERY_NOT_FOUND and the client sends the text once, with the
   * hash. Needed against a server with PERSISTED_OPERATIONS=only, which knows the SDK's operations.
   */
  persisted?: boolean;
}

export function createClient(endpoint: string, fetchImpl: Fetch = fetch, options: ClientOptions = {}) {
  const post = async <Result>(payload: object): Promise<Body<Result>> => {
    const response = await fetchImpl(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(payload),
    });
    return (await response.json()) as Body<Result>;
  };
  return async function request<Result, Variables>(document: TypedDocumentNode<Result, Variables>, variables?: Variables): Promise<Result> {
    const query = print(document);
    let body: Body<Result>;
    if (options.persisted) {
      const extensions = { persistedQuery: { version: 1, sha256Hash: await sha256(query) } };
      body = await post<Result>({ extensions, variables });
      if (body.errors?.some((e) => e.extensions?.code === 'PERSISTED_QUERY_NOT_FOUND')) body = await post<Result>({ query, extensions, variables });
    } else {
      body = await post<Result>({ query, variables });
    }
    if (body.errors?.length) throw new GraphQLRequestError(body.errors);
    return body.data as Result;
  };
}
