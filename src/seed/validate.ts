// Everything that can be wrong with a dataset is found here, before the loader writes a row.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { collapse } from '../provenance/text.js';
import { datasetSchema, type ParsedDataset } from './schema.js';

export const DOCUMENTS_DIR = fileURLToPath(new URL('./documents', import.meta.url));

export class SeedValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`The seed dataset is invalid (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n  - ${problems.join('\n  - ')}`);
  }
}

/** "organizations[jnim].aliases[2].name": array items are named by their slug when they have one. */
function describePath(input: unknown, path: readonly PropertyKey[]): string {
  let node: unknown = input;
  let out = '';
  for (const key of path) {
    node = (node as Record<PropertyKey, unknown> | undefined)?.[key];
    if (typeof key === 'number') {
      const slug = (node as { slug?: unknown } | undefined)?.slug;
      out += typeof slug === 'string' ? `[${slug}]` : `[${key}]`;
    } else {
      out += out ? `.${String(key)}` : String(key);
    }
  }
  return out || '(dataset)';
}

function formatIssues(input: unknown, issues: z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => `${describePath(input, issue.path)}: ${issue.message}`);
}


interface Cited {
  citations: { source: string; quote: string }[];
}

/** Calls `visit` for every cited record with the readable path of its citations. */
function eachCited(data: ParsedDataset, visit: (path: string, record: Cited) => void) {
  const lists = (path: string, record: object) => {
    for (const [key, value] of Object.entries(record)) {
      if (!Array.isArray(value) || key === 'citations' || key === 'targets') continue;
      value.forEach((child: object & { slug?: string }, i) => {
        const childPath = `${path}.${key}[${child.slug ?? i}]`;
        if ('citations' in child) visit(childPath, child as Cited);
        lists(childPath, child);
      });
    }
  };
  for (const [key, value] of Object.entries(data)) {
    (value as (object & { slug?: string })[]).forEach((record, i) => {
      const path = `${key}[${record.slug ?? i}]`;
      if ('citations' in record) visit(path, record as Cited);
      lists(path, record);
    });
  }
}

/** Parses and cross-checks a dataset; throws SeedValidationError listing every problem found. */
export function validateDataset(input: unknown): ParsedDataset {
  const parsed = datasetSchema.safeParse(input);
  if (!parsed.success) throw new SeedValidationError(formatIssues(input, parsed.error.issues));
  const data = parsed.data;
  const problems: string[] = [];

  const unique = (kind: string, slugs: string[]) => {
    const seen = new Set<string>();
    for (const slug of slugs) {
      if (seen.has(slug)) problems.push(`${kind}[${slug}]: the slug is used twice`);
      seen.add(slug);
    }
    return seen;
  };
  const organizations = unique('organizations', data.organizations.map((o) => o.slug));
  const persons = unique('persons', data.persons.map((p) => p.slug));
  const incidents = unique('incidents', data.incidents.map((i) => i.slug));
  unique('fundingStreams', data.fundingStreams.map((f) => f.slug));
  const sources = new Map(data.sources.map((s) => [s.slug, s]));
  unique('sources', data.sources.map((s) => s.slug));

  const ref = (set: Set<string>, kind: string, path: string, slug: string) => {
    if (!set.has(slug)) problems.push(`${path}: unknown ${kind} "${slug}"`);
  };
  for (const org of data.organizations) {
    org.relations.forEach((r, i) => {
      ref(organizations, 'organization', `organizations[${org.slug}].relations[${i}].to`, r.to);
      if (r.to === org.slug) problems.push(`organizations[${org.slug}].relations[${i}].to: an organization cannot relate to itself`);
    });
    org.estimates.forEach((e, i) => e.incident && ref(incidents, 'incident', `organizations[${org.slug}].estimates[${i}].incident`, e.incident));
  }
  for (const person of data.persons) {
    person.memberships.forEach((m, i) =>
      ref(organizations, 'organization', `persons[${person.slug}].memberships[${i}].organization`, m.organization),
    );
  }
  data.estimates.forEach((e, i) => e.subject && ref(organizations, 'organization', `estimates[${i}].subject`, e.subject));
  for (const incident of data.incidents) {
    incident.perpetrators.forEach((p, i) =>
      ref(organizations, 'organization', `incidents[${incident.slug}].perpetrators[${i}].organization`, p.organization),
    );
    incident.participants.forEach((p, i) => ref(persons, 'person', `incidents[${incident.slug}].participants[${i}].person`, p.person));
  }
  for (const stream of data.fundingStreams) {
    ref(organizations, 'organization', `fundingStreams[${stream.slug}].organization`, stream.organization);
    stream.incidents.forEach((l, i) => ref(incidents, 'incident', `fundingStreams[${stream.slug}].incidents[${i}].incident`, l.incident));
    stream.estimates.forEach((e, i) => e.incident && ref(incidents, 'incident', `fundingStreams[${stream.slug}].estimates[${i}].incident`, e.incident));
  }

  // A quote must be a passage of its source, so every fact can be checked against the document.
  const documents = new Map<string, string | null>();
  const documentText = (slug: string): string | null => {
    if (!documents.has(slug)) {
      const file = sources.get(slug)?.document;
      let text: string | null = null;
      if (file) {
        try {
          text = collapse(readFileSync(join(DOCUMENTS_DIR, file), 'utf8'));
        } catch {
          problems.push(`sources[${slug}].document: cannot read "${file}" in src/seed/documents`);
        }
      }
      documents.set(slug, text);
    }
    return documents.get(slug) ?? null;
  };
  eachCited(data, (path, record) => {
    record.citations.forEach((citation, i) => {
      if (!sources.has(citation.source)) {
        problems.push(`${path}.citations[${i}].source: unknown source "${citation.source}"`);
        return;
      }
      const text = documentText(citation.source);
      if (text !== null && !text.includes(collapse(citation.quote))) {
        problems.push(`${path}.citations[${i}].quote: not found in source "${citation.source}": "${citation.quote.slice(0, 80)}"`);
      }
    });
  });

  if (problems.length > 0) throw new SeedValidationError(problems);
  return data;
}
