// Who may call the API from a browser, and what a browser cannot be tricked into sending.
// - CORS: the data is public, so any origin may read it, but without credentials; only the origins
//   configured (CORS_ORIGINS) are answered with credentials allowed.
// - CSRF: a request a browser sends without a preflight (GET, or a form's content types) must carry a
//   header a form cannot set (Yoga's plugin; Apollo's header names accepted too), else 403.
// - Introspection: on by default (public data, GraphiQL, code generators); INTROSPECTION=false turns it off.
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection';
import { GraphQLError } from 'graphql';
import type { CORSOptions, Plugin } from 'graphql-yoga';
import { ErrorCode } from './errors.js';

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
      try {
        return check.onRequestParse?.(payload);
      } catch (error) {
        if (error instanceof GraphQLError) {
          throw new GraphQLError(`A request without a preflight (a GET, or a form's content type) must send one of these headers: ${CSRF_HEADERS.join(', ')}.`, {
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

/** Refuses a body declared larger than MAX_BODY_BYTES before any of it is read (413). */
function useBodyLimit(): Plugin {
  return {
    onRequest({ request, endResponse, fetchAPI }) {
      const length = Number(request.headers.get('content-length') ?? 0);
      if (length <= MAX_BODY_BYTES) return;
      const error = { message: `The request body is ${length} bytes; at most ${MAX_BODY_BYTES} are read.`, extensions: { code: ErrorCode.PAYLOAD_TOO_LARGE } };
      endResponse(new fetchAPI.Response(JSON.stringify({ errors: [error] }), { status: 413, headers: { 'content-type': 'application/json', connection: 'close' } }));
    },
  };
}

export function useHttpPolicy(options: { introspection: boolean }): Plugin[] {
  return [useBodyLimit(), useCsrfCheck(), ...(options.introspection ? [] : [useDisableIntrospection() as Plugin])];
}
