// `npm run db:migration:new -- <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql with
// the SQL that takes the schema.prisma of the last commit to the working copy's.
// `prisma migrate dev` cannot do this on PGlite after the first migration (P3006, shadow database).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error('Usage: npm run db:migration:new -- <name in lowercase_with_underscores>');
  process.exit(1);
}
const scratch = mkdtempSync(join(tmpdir(), 'migration-'));
const previous = join(scratch, 'previous.prisma');
writeFileSync(previous, execFileSync('git', ['show', 'HEAD:prisma/schema.prisma']));
const sql = execFileSync(
  'npx',
  ['prisma', 'migrate', 'diff', '--from-schema-datamodel', previous, '--to-schema-datamodel', 'prisma/schema.prisma', '--script'],
  { env: { ...process.env, DATABASE_URL: `file:${join(scratch, 'pglite')}` }, stdio: ['ignore', 'pipe', 'inherit'] },
).toString();
if (!/\b(CREATE|ALTER|DROP)\b/.test(sql)) {
  console.error('schema.prisma does not differ from the last commit: no migration written.');
  process.exit(1);
}
const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
const dir = join('prisma', 'migrations', `${stamp}_${name}`);
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'migration.sql'), sql);
console.log(`Wrote ${dir}/migration.sql: review it, add what Prisma cannot express (CHECKs, extensions), then commit.`);
