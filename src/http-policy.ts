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

export function useHttpPolicy(options: { introspection: boolean }): Plugin[] {
  return [useCsrfCheck(), ...(options.introspection ? [] : [useDisableIntrospection() as Plugin])];
}
