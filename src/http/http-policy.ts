// Who may call the API from a browser, and what a browser cannot be tricked into sending.
// - CORS: the data is public, so any origin may read it, but without credentials; only the origins
//   configured (CORS_ORIGINS) are answered with credentials allowed.
// - CSRF: a request a browser sends without a preflight (a GET carrying cookies, or a form's content
//   types) must carry a header a form cannot set (Yoga's plugin; Apollo's header names accepted too), else
//   403. A GET without cookies forges nothing (this API sets none; a key is sent in a header no link or form
//   can set), and is what urql, graphql-request and plain links send: it is served. Mutations, when they
//   come, are POST only.
// - Introspection: on by default (public data, GraphiQL, code generators); INTROSPECTION=false turns it off.
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection';
import { GraphQLError } from 'graphql';
import type { CORSOptions, Plugin } from 'graphql-yoga';
import { ErrorCode } from '../errors.js';

/** Headers any of which marks a request as sent by a script, not a form or a link. */
export const CSRF_HEADERS = ['x-graphql-yoga-csrf', 'apollo-require-preflight', 'x-apollo-operation-name', 'graphql-preflight'];

export function corsOptions(origins: readonly string[]): CORSOptions {
  if (origins.length === 0) return { origin: '*', credentials: false, maxAge: 600 };
  return { origin: [...origins], credentials: true, maxAge: 600 };
}

/** Yoga's CSRF check, its refusal given a stable code. */
function useCsrfCheck(): Plugin {
  const check = useCSRFPrevention({ requestHeaders: CSRF_HEADERS }) as Plugin;
  return {
    onRequestParse(payload) {
      const { request } = payload;
      if (request.method === 'GET' && !request.headers.has('cookie')) return;
      try {
        return check.onRequestParse?.(payload);
      } catch (error) {
        if (error instanceof GraphQLError) {
          throw new GraphQLError(`A request without a preflight (a GET with cookies, or a form's content type) must send one of these headers: ${CSRF_HEADERS.join(', ')}.`, {
            extensions: { code: ErrorCode.CSRF_HEADER_REQUIRED, http: { status: 403 } },
          });
        }
        throw error;
      }
    },
  };
}

/**
 * The largest request body read, in bytes: a document at the token limit with its variables is far
 * smaller, and a 1 MB string argument (refused by the argument guard) still fits.
 */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;

/**
 * Refuses a body declared larger than MAX_BODY_BYTES before any of it is read (413), and a body
 * without a declared length (411): Node's parser then reads exactly the declared bytes, so Yoga's
 * own limit, which pipes every body through a counting stream (two fifths of the CPU of a small
 * request), is not needed. Every GraphQL client sends Content-Length with its JSON body.
 */
function useBodyLimit(): Plugin {
  return {
    onRequest({ request, endResponse, fetchAPI }) {
      const declared = request.headers.get('content-length');
      const refuse = (status: number, message: string, code: ErrorCode) =>
        endResponse(new fetchAPI.Response(JSON.stringify({ errors: [{ message, extensions: { code } }] }), { status, headers: { 'content-type': 'application/json', connection: 'close' } }));
      if (declared === null) {
        if (request.headers.has('transfer-encoding')) refuse(411, 'A request body must declare its length (Content-Length); chunked bodies are not read.', ErrorCode.LENGTH_REQUIRED);
        return;
      }
      // Node's parser has already refused a Content-Length that is not one number.
      const length = Number(declared);
      if (length > MAX_BODY_BYTES) refuse(413, `The request body is ${length} bytes; at most ${MAX_BODY_BYTES} are read.`, ErrorCode.PAYLOAD_TOO_LARGE);
    },
  };
}

export function useHttpPolicy(options: { introspection: boolean }): Plugin[] {
  return [useBodyLimit(), useCsrfCheck(), ...(options.introspection ? [] : [useDisableIntrospection() as Plugin])];
}
