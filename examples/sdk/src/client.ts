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
  /** An API key, sent as `Authorization: Bearer <key>`: needed to write (editor) and to review (reviewer). */
  apiKey?: string;
}

export function createClient(endpoint: string, fetchImpl: Fetch = fetch, options: ClientOptions = {}) {
  const authorization: Record<string, string> = options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {};
  const post = async <Result>(payload: object): Promise<Body<Result>> => {
    const response = await fetchImpl(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...authorization },
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

/**
 * Follows a subscription over Server-Sent Events (GraphQL over SSE, as the API serves it): each event's data,
 * typed, until `signal` aborts. A client that reconnects reads `changes(after:)` from its last sequence first.
 */
export async function* subscribe<Result, Variables>(
  endpoint: string, document: TypedDocumentNode<Result, Variables>, variables: Variables, signal: AbortSignal, apiKey?: string,
): AsyncGenerator<Result> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}) },
    body: JSON.stringify({ query: print(document), variables }),
    signal,
  });
  if (!response.body) throw new Error(`No stream: HTTP ${response.status}`);
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const message = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = message.split('\n').filter((line) => line.startsWith('data:')).map((line) => line.slice(5).trim()).join('\n');
      if (!data) continue;
      const body = JSON.parse(data) as Body<Result>;
      if (body.errors?.length) throw new GraphQLRequestError(body.errors);
      if (body.data) yield body.data;
    }
  }
}
