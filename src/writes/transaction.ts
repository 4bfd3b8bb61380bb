// One GraphQL write: a transaction that names its writer (the revisions the database records say who
// and why), runs the provenance linter on the records it touched, and is all written or not at all.
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import type { Identity } from '../auth/api-keys.js';
import { BUMP_DATA_VERSION } from '../db/data-version.js';
import { nameWriter } from '../history/writer.js';
import { lintRecords, type LintScope } from '../provenance/lint.js';
import { ProvenanceRefusal, WriteRefusal } from './errors.js';
import type { ChangeEvent } from '../history/events.js';

export type Tx = Prisma.TransactionClient;

/** The transaction lock the revision triggers take (the `revisions` migration): writers one at a time. */
export const WRITERS_LOCK = 7261390;

/** How long a write waits for another writer (an import holds the writers' lock while it runs). */
export const WRITE_LOCK_TIMEOUT_MS = 5_000;

/** What a write's work returns: its result and every record it wrote (for the linter). */
export interface WorkDone<T> {
  result: T;
  touched: LintScope;
}

export interface WriteOptions {
  /** The mutation's name, recorded as each revision's action. */
  action: string;
  reason?: string | null;
}

/** The revisions a transaction wrote, read inside it (visible to it before commit). */
async function revisionsOf(tx: Tx): Promise<ChangeEvent[]> {
  const rows = await tx.$queryRawUnsafe<(Omit<ChangeEvent, 'sequence' | 'at'> & { sequence: bigint; at: Date })[]>(
    `SELECT sequence, "recordType", "recordId"::text AS "recordId", coalesce("entityIds"::text[], '{}') AS "entityIds", operation, action, "at",
       actor, "actorRole", reason
     FROM "Revision" WHERE "transactionId" = txid_current() ORDER BY sequence`,
  );
  return rows.map((r) => ({ ...r, sequence: Number(r.sequence), at: r.at.toISOString() }));
}

/**
 * Runs `work` in one transaction as `identity`: nothing is written when it throws, when the linter finds a
 * problem in what it touched, or when another writer holds the lock past WRITE_LOCK_TIMEOUT_MS. Returns the
 * result and the revisions written, for the change feed.
 */
export async function runWrite<T>(db: PrismaClient, identity: Identity, options: WriteOptions, work: (tx: Tx) => Promise<WorkDone<T>>): Promise<{ result: T; changes: ChangeEvent[] }> {
  if (identity.kind !== 'key') throw new Error('Internal: a write without a verified identity reached the database');
  return db.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`SET LOCAL lock_timeout = '${WRITE_LOCK_TIMEOUT_MS}ms'`);
    // Taken first, so that what the write reads (a record's revision) cannot change before it commits.
    await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${WRITERS_LOCK})`);
    await nameWriter(tx, { actor: `key ${identity.name}`, role: identity.role, action: options.action, reason: options.reason ?? null });
    const { result, touched } = await work(tx);
    const findings = await lintRecords(tx, touched);
    if (findings.length > 0) throw new ProvenanceRefusal(findings);
    await tx.$executeRawUnsafe(BUMP_DATA_VERSION);
    return { result, changes: await revisionsOf(tx) };
  }, { timeout: 15_000, maxWait: WRITE_LOCK_TIMEOUT_MS });
}

export { WriteRefusal };
