// Entity tags as RFC 9110 writes them (section 8.8.3): a quoted string, weak (`W/"..."`) when the bytes
// may differ for one meaning (an answer compressed or not), and If-None-Match read as the RFC reads it:
// `*`, or a list of tags compared weakly (13.1.2).

/** An entity tag for `opaque` (no quote or backslash in it), weak or strong. */
export function entityTag(opaque: string, weak = false): string {
  return `${weak ? 'W/' : ''}"${opaque}"`;
}

/** The opaque part of each tag of an If-None-Match value; `*` alone is ['*']. Malformed entries are skipped. */
export function listedTags(header: string): string[] {
  if (header.trim() === '*') return ['*'];
  const tags: string[] = [];
  for (const match of header.matchAll(/(?:^|,)\s*(?:W\/)?"([^"]*)"\s*(?=,|$)/g)) tags.push(match[1]!);
  return tags;
}

/** Whether If-None-Match `header` matches a current representation tagged `opaque` (weak comparison). */
export function noneMatchHits(header: string | null, opaque: string): boolean {
  if (!header) return false;
  const tags = listedTags(header);
  return tags.includes('*') || tags.includes(opaque);
}
