// Names who is writing, for the revisions the database records (the triggers of the `revisions`
// migration read these settings). Local to the transaction: they end with it, whatever happens.

export interface Writer {
  /** "key <name>", "import <source slug>", "seed", "synthetic". */
  actor: string;
  /** The API key's role, for a key. */
  role?: string | null;
  /** What is being done: "createOrganization", "import", "seed". */
  action: string;
  reason?: string | null;
}

/** The statement naming the writer, and its parameters; run it first in the writing transaction. */
export function nameWriterStatement(writer: Writer): { sql: string; params: string[] } {
  return {
    sql: `SELECT set_config('sahel.actor', $1, true), set_config('sahel.actor_role', $2, true),
      set_config('sahel.action', $3, true), set_config('sahel.reason', $4, true)`,
    params: [writer.actor, writer.role ?? '', writer.action, writer.reason ?? ''],
  };
}

interface RawRunner {
  $queryRawUnsafe<T = unknown>(sql: string, ...params: unknown[]): Promise<T>;
}

/** Names the writer of the Prisma transaction `tx`. */
export async function nameWriter(tx: RawRunner, writer: Writer): Promise<void> {
  const { sql, params } = nameWriterStatement(writer);
  await tx.$queryRawUnsafe(sql, ...params);
}
