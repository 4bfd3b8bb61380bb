// What an import holds, apart from the bytes that carried it: a file's SHA-256 changes with an extra
// newline, other quoting or line endings, though its rows do not (the UN list with one more trailing
// newline once wrote its 496 mentions again). The plan's records, in a canonical order, without the
// file's line numbers or its name, are hashed instead.
import { createHash } from 'node:crypto';
import type { ImportPlan } from './plan.js';

/** Keys that say where or under which name a record was read, not what it states. */
const PLACE_KEYS = new Set(['line']);

/** SHA-256 of the plan's content: its records sorted by their keys, line numbers and the file's naming left out. */
export function contentSha256(format: string, plan: ImportPlan): string {
  const sorted = {
    format,
    published: plan.source.published ?? null,
    kind: plan.source.kind,
    publisher: plan.source.publisher,
    entities: [...plan.entities].sort((a, b) => compare(a.key, b.key)),
    incidents: [...(plan.incidents ?? [])].sort((a, b) => compare(a.slug, b.slug)),
    relations: [...(plan.relations ?? [])].sort((a, b) => compare(`${a.from} ${a.type} ${a.to} ${a.start ?? ''}`, `${b.from} ${b.type} ${b.to} ${b.start ?? ''}`)),
    problems: plan.problems.map((p) => p.message).sort(compare),
    listing: plan.listing ? { ...plan.listing, references: [...plan.listing.references].sort(compare) } : null,
  };
  const json = JSON.stringify(sorted, (key, value: unknown) => (PLACE_KEYS.has(key) ? undefined : value));
  return createHash('sha256').update(json).digest('hex');
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
