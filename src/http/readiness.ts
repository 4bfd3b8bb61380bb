// GET /health: 200 while the process answers (liveness). GET /ready: 200 when the API can serve (database
// reachable and migrated, not shutting down), else 503. Both by their path alone. Not Yoga's health check:
// it answers any URL that ends in its endpoint, a GraphQL request with `&next=/health` included. Nor its
// useReadinessCheck: it matches the URL of every request, GraphQL ones included, against a
// URLPattern, about 3% of the CPU of answering `{ __typename }`. Comparing the path costs next to nothing.
import type { Plugin } from 'graphql-yoga';
import { pathOf } from './url-path.js';

/**
 * GET `live` answers 200; GET `ready` answers as `check` says. One hook for both, compared by path: it runs
 * on every request.
 */
export function useProbeEndpoints({ live, ready, check }: { live: string; ready: string; check: () => Promise<boolean> }): Plugin {
  return {
    onRequest({ request, endResponse, fetchAPI }) {
      const path = pathOf(request.url);
      if (path === live) return endResponse(new fetchAPI.Response(null, { status: 200 }));
      if (path !== ready) return;
      // A check that fails is an API that cannot serve: 503, its error left out of the answer.
      return check().then(
        (ok) => endResponse(new fetchAPI.Response(null, { status: ok ? 200 : 503 })),
        () => endResponse(new fetchAPI.Response(null, { status: 503 })),
      );
    },
  };
}

/**
 * What Yoga's own health check is given as its endpoint so that it answers nothing: it compares the end of
 * the raw URL, and a URL holds no NUL (WHATWG URLs percent-encode it). Yoga installs that check whatever
 * its options say.
 */
export const NO_URL_ENDS_WITH = '\u0000';
