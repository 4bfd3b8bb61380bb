// Organizations and persons reached through relations (components, leaders, perpetrators, ...) are
// read without their long texts and bookkeeping timestamps: those columns were most of the bytes the
// pg driver parsed under the nested questions, and no field but the texts' own reads them. A text
// field of a lean row fetches its column on first use, one batched statement per query level.
import type DataLoader from 'dataloader';
import { Prisma, type Organization, type Person } from '../generated/prisma/client.js';

const ORGANIZATION_HEAVY = ['summary', 'ideology', 'createdAt', 'updatedAt'] as const;
const PERSON_HEAVY = ['biography', 'createdAt', 'updatedAt'] as const;
type OrganizationHeavy = (typeof ORGANIZATION_HEAVY)[number];
type PersonHeavy = (typeof PERSON_HEAVY)[number];

/** An organization row as the API passes it around: whole (lists, slugs) or lean (by ID). */
export type OrganizationRow = Omit<Organization, OrganizationHeavy> & Partial<Pick<Organization, OrganizationHeavy>>;
/** A person row, whole or lean. */
export type PersonRow = Omit<Person, PersonHeavy> & Partial<Pick<Person, PersonHeavy>>;

const quoted = (columns: readonly string[]) => columns.map((c) => `"${c}"`).join(', ');
const leanColumns = (all: Record<string, string>, heavy: readonly string[]) => quoted(Object.values(all).filter((c) => !heavy.includes(c)));

/** The columns of a lean row, for SELECT. */
export const LEAN_COLUMNS = {
  Organization: leanColumns(Prisma.OrganizationScalarFieldEnum, ORGANIZATION_HEAVY),
  Person: leanColumns(Prisma.PersonScalarFieldEnum, PERSON_HEAVY),
} as const;

/** The long texts of a table, read apart for lean rows. */
export const TEXT_COLUMNS = { Organization: ['summary', 'ideology'], Person: ['biography'] } as const;

/**
 * A text column of a row: the row's own value when it was read whole, else from the loader that reads
 * that table's texts by ID.
 */
export async function textOf<Row extends { id: string }, K extends string>(
  row: Row & Partial<Record<K, string | null>>,
  column: K,
  loader: DataLoader<string, Record<K, string | null> | null>,
): Promise<string | null> {
  if (column in row) return row[column] ?? null;
  return (await loader.load(row.id))?.[column] ?? null;
}
