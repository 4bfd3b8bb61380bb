// Who sends a request to the GraphQL endpoint: `Authorization: Bearer <key>` verified against the keys held
// (src/auth/api-keys.ts), else anonymous. A key that is malformed, unknown or revoked is refused with HTTP 401
// `UNAUTHENTICATED` before anything runs: an invented key once bought a fresh rate budget. Neither the key nor
// the header is ever echoed, logged or counted.
import type { Plugin } from 'graphql-yoga';
import { ANONYMOUS, AuthenticationError, type Identity } from '../auth/api-keys.js';
import { ErrorCode } from '../errors.js';
import { pathOf } from './url-path.js';

const identities = new WeakMap<Request, Identity>();

/** The identity the request was verified as (anonymous when it sent no key, or was not verified). */
export const identityOf = (request: Request | undefined): Identity => (request && identities.get(request)) || ANONYMOUS;

export function useAuthentication(identify: (authorization: string | null) => Promise<Identity>, graphqlEndpoint: string): Plugin {
  return {
    async onRequest({ request, endResponse, fetchAPI }) {
      if (pathOf(request.url) !== graphqlEndpoint) return;
      try {
        identities.set(request, await identify(request.headers.get('authorization')));
      } catch (error) {
        if (!(error instanceof AuthenticationError)) throw error;
        const body = JSON.stringify({ errors: [{ message: `${error.message} Send no Authorization header to read anonymously.`, extensions: { code: ErrorCode.UNAUTHENTICATED } }] });
        endResponse(new fetchAPI.Response(body, { status: 401, headers: { 'content-type': 'application/json', 'www-authenticate': 'Bearer realm="sahel-graph"' } }));
      }
    },
  };
}
