// `npm run import -- <format> <file...> [--dry-run] [--on-error=fail|skip]`: imports public datasets
// into the database named by DATABASE_URL (migrated first), each file in one transaction, and ends
// with what it did by record type. Exit 1 when a file is refused (nothing of it written), 2 on usage.
import { ConfigError, loadConfig } from '../config.js';
import { openDatabase } from '../db/client.js';
import { DatabaseLockedError } from '../db/lock.js';
import { applyMigrations } from '../db/migrate.js';
import { ProvenanceError } from '../provenance/lint.js';
import { ImportFileError, readImportFile } from './file.js';
import { planAcled } from './acled.js';
import { planGtd } from './gtd.js';
import { planMmp } from './mmp.js';
import { planUnList } from './un-sc.js';
import { ImportRowsError, writePlan } from './write.js';

const FORMATS = { 'un-sc': { encoding: 'utf-8' as const, plan: planUnList }, acled: { encoding: 'utf-8' as const, plan: planAcled },
  mmp: { encoding: 'utf-8' as const, plan: planMmp },
  gtd: { encoding: 'latin1' as const, plan: planGtd },
};
const PLANNED: string[] = [];

const USAGE = `Usage: npm run import -- <format> <file...> [--dry-run] [--on-error=fail|skip] [--complete]
  formats: ${Object.keys(FORMATS).join(', ')}`;

class UsageError extends Error {}

function parseArgs(argv: string[]) {
  const flags = argv.filter((a) => a.startsWith('--'));
  const [format, ...files] = argv.filter((a) => !a.startsWith('--'));
  const onError = flags.find((f) => f.startsWith('--on-error='))?.slice('--on-error='.length) ?? 'fail';
  const unknown = flags.filter((f) => f !== '--dry-run' && f !== '--complete' && !f.startsWith('--on-error='));
  if (!format || files.length === 0) throw new UsageError(USAGE);
  if (unknown.length > 0) throw new UsageError(`Unknown option ${unknown.join(', ')}.\n${USAGE}`);
  if (onError !== 'fail' && onError !== 'skip') throw new UsageError(`--on-error must be fail or skip, not "${onError}".`);
  if (!(format in FORMATS)) {
    throw new UsageError(PLANNED.includes(format) ? `The ${format} importer is not implemented yet.\n${USAGE}` : `Unknown format "${format}".\n${USAGE}`);
  }
  return {
    format: format as keyof typeof FORMATS,
    files,
    dryRun: flags.includes('--dry-run'),
    complete: flags.includes('--complete'),
    onError: onError as 'fail' | 'skip',
  };
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const config = loadConfig();
  const { encoding, plan } = FORMATS[args.format];
  // Every file is read and parsed before the database is touched: a bad file is refused at once.
  const files = args.files.map((path) => readImportFile(path, encoding));
  const plans = files.map((file) => plan(file));
  const db = await openDatabase(config.database);
  // What each file wrote is reported once the database is closed (PGlite's files synced, a server's
  // commits acknowledged): a report is never printed for writes a crash could still lose.
  const report: string[] = [];
  try {
    await applyMigrations(db.scripts);
    for (const [i, file] of files.entries()) {
      const started = Date.now();
      const summary = await writePlan(db, file, args.format, plans[i]!, { dryRun: args.dryRun, onError: args.onError, complete: args.complete, progressTo: process.stderr });
      report.push(`${file.name} (${((Date.now() - started) / 1000).toFixed(1)} s)${args.dryRun ? ', dry run' : ''}:`);
      for (const line of [...summary.lines(), ...summary.notes]) report.push(`  ${line}`);
      for (const line of summary.skippedRows) report.push(`  skipped ${line}`);
    }
  } finally {
    // Files written before one that failed stay written, and are reported.
    await db.close();
    if (report.length > 0) console.log(report.join('\n'));
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const known = [ImportFileError, ImportRowsError, ProvenanceError, ConfigError, DatabaseLockedError].some((type) => error instanceof type);
    console.error(error instanceof UsageError || known ? (error as Error).message : error);
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
