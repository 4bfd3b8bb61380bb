// The path of a request URL, without parsing all of it: the hooks that route by path run on every
// request, and parsing the URL (or matching a URLPattern) costs more than answering `{ __typename }`'s
// GraphQL part.

/** The path of an absolute URL (`http://host/path?query` gives `/path`). */
export function pathOf(url: string): string {
  const start = url.indexOf('/', url.indexOf('//') + 2);
  if (start < 0) return '/';
  const end = url.slice(start).search(/[?#]/);
  return end < 0 ? url.slice(start) : url.slice(start, start + end);
}
