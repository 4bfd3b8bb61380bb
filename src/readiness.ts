// GET /ready: 200 when the API can serve (database reachable and migrated, not shutting down), else 503.
// Not Yoga's useReadinessCheck: it matches the URL of every request, GraphQL ones included, against a
// URLPattern, about 3% of the CPU of answering `{ __typename }`. Comparing the path costs next to nothing.
import type { Plugin } from 'graphql-yoga';
import { pathOf } from './url-path.js';

export function useReadinessEndpoint(endpoint: string, check: () => Promise<boolean>): Plugin {
  return {
    onRequest({ request, endResponse, fetchAPI }) {
      if (pathOf(request.url) !== endpoint) return;
      // A check that fails is an API that cannot serve: 503, its error left out of the answer.
      return check().then(
        (ready) => endResponse(new fetchAPI.Response(null, { status: ready ? 200 : 503 })),
        () => endResponse(new fetchAPI.Response(null, { status: 503 })),
      );
    },
  };
}
