// `npm run data:lint`: runs the provenance linter over every record of the database named by
// DATABASE_URL (migrating it first) and lists the findings by record and field. Exits 1 on any.
import { ConfigError, loadConfig } from '../config.js';
import { openDatabase } from '../db/client.js';
import { DatabaseLockedError } from '../db/lock.js';
import { applyMigrations } from '../db/migrate.js';
import { formatFinding, lintDatabase } from './lint.js';

async function main(): Promise<number> {
  const config = loadConfig();
  const db = await openDatabase(config.database);
  try {
    await applyMigrations(db.scripts);
    const findings = await lintDatabase(db.prisma);
    for (const finding of findings) console.log(formatFinding(finding));
    const counts = new Map<string, number>();
    for (const f of findings) counts.set(f.rule, (counts.get(f.rule) ?? 0) + 1);
    const byRule = [...counts].map(([rule, n]) => `${rule} ${n}`).join(', ');
    console.log(findings.length === 0 ? 'data:lint: no findings.' : `data:lint: ${findings.length} finding(s): ${byRule}.`);
    return findings.length === 0 ? 0 : 1;
  } finally {
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ConfigError || error instanceof DatabaseLockedError ? error.message : error);
    process.exit(2);
  },
);
