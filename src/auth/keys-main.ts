// `npm run keys -- create --name "..." --role reader|editor|reviewer|admin`, `list`, `revoke <id|prefix>`: API keys
// of the database named by DATABASE_URL. A created key is printed once, on stdout alone, for a script to capture.
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/client.js';
import { applyMigrations } from '../db/migrate.js';
import type { ApiRole } from '../generated/prisma/enums.js';
import { API_ROLES, createApiKey, listApiKeys, revokeApiKey } from './api-keys.js';

const USAGE = `Usage: npm run keys -- create --name "<holder>" --role reader|editor|reviewer|admin
       npm run keys -- list
       npm run keys -- revoke <id|prefix>`;

class UsageError extends Error {}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  const inline = args.find((a) => a.startsWith(`--${name}=`));
  return inline ? inline.slice(name.length + 3) : i >= 0 ? args[i + 1] : undefined;
}

/** The database DATABASE_URL names, migrated (a key may be the first thing made in it). */
async function open() {
  const db = await openDatabase(loadConfig().database);
  await applyMigrations(db.scripts);
  return db;
}

async function main(args: string[]): Promise<void> {
  const [command, ...rest] = args;
  if (command === 'create') {
    const name = option(rest, 'name')?.trim();
    const role = option(rest, 'role')?.toUpperCase();
    if (!name) throw new UsageError('create needs --name "<holder>".');
    if (!role || !(API_ROLES as readonly string[]).includes(role)) throw new UsageError(`--role must be one of ${API_ROLES.join(', ').toLowerCase()}.`);
    const db = await open();
    try {
      const { key, record } = await createApiKey(db.prisma, name, role as ApiRole);
      process.stderr.write(`Created ${record.role.toLowerCase()} key ${record.prefix}… for "${record.name}" (${record.id}). It is shown once:\n`);
      process.stdout.write(`${key}\n`);
    } finally {
      await db.close();
    }
    return;
  }
  if (command === 'list' || command === 'revoke') {
    const which = rest[0];
    if (command === 'revoke' && !which) throw new UsageError('revoke needs the key\'s id or prefix.');
    const db = await open();
    try {
      if (command === 'revoke') {
        const count = await revokeApiKey(db.prisma, which!);
        if (count === 0) throw new UsageError(`No key in use has the id or prefix "${which}".`);
        process.stdout.write(`Revoked ${count} key(s); they stop working within a second.\n`);
        return;
      }
      for (const k of await listApiKeys(db.prisma)) {
        process.stdout.write(`${k.prefix}…\t${k.role.toLowerCase()}\t${k.name}\t${k.createdAt.toISOString()}\t${k.revokedAt ? `revoked ${k.revokedAt.toISOString()}` : 'in use'}\t${k.id}\n`);
      }
    } finally {
      await db.close();
    }
    return;
  }
  throw new UsageError(USAGE);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = error instanceof UsageError ? 2 : 1;
});
