// The data version: bumped by every write that changes what the API answers (the seed, an import, a
// synthetic load), inside that write's transaction. Readers (the response cache) compare it.

/** The statement that bumps it; run it in the writing transaction, so a rolled-back write bumps nothing. */
export const BUMP_DATA_VERSION = `UPDATE "DataVersion" SET version = version + 1, "changedAt" = now() WHERE id = 1`;

export const READ_DATA_VERSION = `SELECT version FROM "DataVersion" WHERE id = 1`;
