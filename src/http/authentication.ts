// Who sends a request to the GraphQL endpoint: `Authorization: Bearer <key>` verified against the keys held
// (src/auth/api-keys.ts), else anonymous. A key that is malformed, unknown or revoked is refused with HTTP 401
// `UNAUTHENTICATED` before anything runs: an invented key once bought a fresh rate budget. Neither the key nor
// the header is ever echoed, logged or counted.
import type { IncomingMessage } from 'node:http';
import type { Plugin } from 'graphql-yoga';
import { ANONYMOUS, AuthenticationError, type Identity } from '../auth/api-keys.js';
import { ErrorCode } from '../errors.js';
import { clientKey } from './rate-limit.js';
import { pathOf } from './url-path.js';

const identities = new WeakMap<Request, Identity>();

/** The identity the request was verified as (anonymous when it sent no key, or was not verified). */
export const identityOf = (request: Request | undefined): Identity => (request && identities.get(request)) || ANONYMOUS;

/** Refused keys one client may send a minute: past them, it is refused without a lookup until the minute ends. */
export const MAX_REFUSED_KEYS_PER_MINUTE = 30;
const REFUSALS_KEPT = 10_000;

export function useAuthentication(identify: (authorization: string | null) => Promise<Identity>, graphqlEndpoint: string, trustProxy = false): Plugin {
  // A refused key spends no rate budget (none is known yet), so without this a client could send invented
  // keys without end, each one a database lookup.
  const refusals = new Map<string, { count: number; resetAt: number }>();
  return {
    async onRequest({ request, endResponse, fetchAPI, serverContext }) {
      if (pathOf(request.url) !== graphqlEndpoint) return;
      const authorization = request.headers.get('authorization');
      const client = authorization ? clientKey({ request, req: (serverContext as { req?: IncomingMessage } | undefined)?.req }, trustProxy) : '';
      const now = Date.now();
      const refused = authorization ? refusals.get(client) : undefined;
      if (refused && refused.resetAt > now && refused.count >= MAX_REFUSED_KEYS_PER_MINUTE) {
        const retryAfter = String(Math.max(1, Math.ceil((refused.resetAt - now) / 1000)));
        const body = JSON.stringify({ errors: [{ message: `Too many refused keys from this client; retry in ${retryAfter} s.`, extensions: { code: ErrorCode.RATE_LIMITED } }] });
        return endResponse(new fetchAPI.Response(body, { status: 429, headers: { 'content-type': 'application/json', 'retry-after': retryAfter } }));
      }
      try {
        identities.set(request, await identify(authorization));
      } catch (error) {
        if (!(error instanceof AuthenticationError)) throw error;
        if (refusals.size >= REFUSALS_KEPT) for (const [k, r] of refusals) if (r.resetAt <= now) refusals.delete(k);
        if (refusals.size < REFUSALS_KEPT || refusals.has(client)) {
          const record = refused && refused.resetAt > now ? refused : { count: 0, resetAt: now + 60_000 };
          record.count++;
          refusals.set(client, record);
        }
        const body = JSON.stringify({ errors: [{ message: `${error.message} Send no Authorization header to read anonymously.`, extensions: { code: ErrorCode.UNAUTHENTICATED } }] });
        endResponse(new fetchAPI.Response(body, { status: 401, headers: { 'content-type': 'application/json', 'www-authenticate': 'Bearer realm="sahel-graph"' } }));
      }
    },
  };
}
