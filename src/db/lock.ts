// One process at a time on a PGlite data directory: two would each run their own PostgreSQL over the
// same files and corrupt them. The lock is a file beside the data naming its holder (process, host, the
// process's start time, its command). It never goes stale while its holder lives, however long that
// holder's event loop is blocked (an import's PGlite on the main thread stalls it for seconds: a lock
// kept fresh by a timer was taken over under a running import, and the import's writes were lost).
// A holder that died (kill -9, a crash) is recognised at once by its process, not after a wait.
import { hostname } from 'node:os';
import { readFileSync } from 'node:fs';
import { link, mkdir, readFile, rename, rm, rmdir, stat, unlink, writeFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';

export class DatabaseLockedError extends Error {}

export interface LockHolder {
  pid: number;
  host: string;
  /** The process's start time as the kernel counts it (Linux), so a reused PID is not taken for the holder. */
  started: string | null;
  command: string;
  since: string;
}

/** A process's start time from /proc (clock ticks since boot), or null where there is no /proc. */
export function processStartTime(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command may hold spaces and parentheses: fields are counted after its closing one.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

/** Whether the process a lock names still runs on this host; a holder on another host counts as alive. */
export function holderAlive(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return true;
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  // The PID lives; it is the holder only if it started when the holder did (PIDs are reused).
  const started = processStartTime(holder.pid);
  return holder.started === null || started === null || started === holder.started;
}

function describe(holder: LockHolder): string {
  return `process ${holder.pid} on ${holder.host} (${holder.command}), since ${holder.since}`;
}

async function readHolder(path: string): Promise<LockHolder | 'missing' | 'unreadable'> {
  try {
    const parsed = JSON.parse(await readFile(path, 'utf8')) as Partial<LockHolder>;
    if (typeof parsed.pid !== 'number' || typeof parsed.host !== 'string') return 'unreadable';
    return { pid: parsed.pid, host: parsed.host, started: parsed.started ?? null, command: parsed.command ?? '?', since: parsed.since ?? '?' };
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'unreadable';
  }
}

/** A lock that cannot be read, or a take-over in progress, is given this long before it is read as abandoned. */
const HALF_WRITTEN_MS = 5_000;

async function ageMs(path: string): Promise<number> {
  try {
    return Date.now() - (await stat(path)).mtimeMs;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

/**
 * Locks `dataDir` for this process; returns the release function. Refused (DatabaseLockedError, naming
 * the holder) while another living process holds it, this one included; a dead holder's lock is taken.
 */
export async function lockDataDirectory(dataDir: string): Promise<() => Promise<void>> {
  const lockPath = `${resolve(dataDir)}.lock`;
  const me: LockHolder = {
    pid: process.pid,
    host: hostname(),
    started: processStartTime(process.pid),
    command: process.argv.slice(1).map((a) => (isAbsolute(a) ? relative(process.cwd(), a) : a)).join(' ').slice(0, 200),
    since: new Date().toISOString(),
  };
  const content = `${JSON.stringify(me)}\n`;
  const refuse = (found: string) =>
    new DatabaseLockedError(
      `The PGlite database in ${dataDir} is already open in another process: ${found} (lock ${lockPath}). ` +
        'Stop that process, or point DATABASE_URL at another directory.',
    );

  for (let attempt = 0; attempt < 3; attempt++) {
    // Written whole under a name of its own, then linked to the lock's name: link fails if the name
    // exists, so of two processes one succeeds, and the lock is never seen empty (a process stopped
    // between creating and writing it once left an empty lock that read as abandoned).
    const temporary = `${lockPath}.${process.pid}.tmp`;
    await writeFile(temporary, content);
    try {
      await link(temporary, lockPath);
      return release(lockPath, content);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') throw error;
    } finally {
      await unlink(temporary).catch(() => {});
    }
    // A directory is the lock of an earlier version (proper-lockfile), kept fresh every 5 s while held.
    if ((await stat(lockPath).catch(() => null))?.isDirectory()) {
      if ((await ageMs(lockPath)) < 10_000) throw refuse('a process of an earlier version of this API');
      await rm(lockPath, { recursive: true, force: true });
      continue;
    }
    const holder = await readHolder(lockPath);
    if (holder === 'missing') continue;
    if (holder === 'unreadable') {
      // Never half-written (it is linked whole): damaged. Left alone a while all the same.
      if ((await ageMs(lockPath)) < HALF_WRITTEN_MS) throw refuse('a lock file that cannot be read');
    } else if (holderAlive(holder)) {
      throw refuse(describe(holder));
    }
    await takeOver(lockPath, holder, content, refuse);
    return release(lockPath, content);
  }
  throw refuse('processes that keep taking and releasing it');
}

/**
 * Replaces a dead holder's lock with ours. Two processes finding the same dead holder must not both take
 * it: the one that creates the take-over directory does, after reading the lock again.
 */
async function takeOver(lockPath: string, dead: LockHolder | 'unreadable', content: string, refuse: (found: string) => Error): Promise<void> {
  const guard = `${lockPath}.takeover`;
  try {
    await mkdir(guard);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    if ((await ageMs(guard)) < HALF_WRITTEN_MS) throw refuse('a process taking over a dead process\'s lock now');
    await rmdir(guard).catch(() => {});
    await mkdir(guard);
  }
  try {
    const now = await readHolder(lockPath);
    const same = now === dead || (typeof now === 'object' && typeof dead === 'object' && now.pid === dead.pid && now.since === dead.since) || now === 'missing';
    if (!same) throw refuse(typeof now === 'object' ? describe(now) : 'a process that is opening it now');
    const temporary = `${lockPath}.${process.pid}.tmp`;
    await writeFile(temporary, content);
    await rename(temporary, lockPath);
  } finally {
    await rmdir(guard).catch(() => {});
  }
}

function release(lockPath: string, content: string): () => Promise<void> {
  let released = false;
  return async () => {
    if (released) return;
    released = true;
    // Only our own lock: never one another process took (which would mean ours was judged dead).
    if ((await readFile(lockPath, 'utf8').catch(() => null)) === content) await unlink(lockPath).catch(() => {});
  };
}
