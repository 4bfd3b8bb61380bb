// PGlite in a worker thread: PostgreSQL's work leaves the server's event loop, and runs on another
// core while the server runs GraphQL, as with a server PostgreSQL. The thread serves PGlite over a
// Unix socket (pglite-thread.ts); the pg driver connects to it with a few connections, which share
// its one session.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { PGliteThreadData } from './pglite-thread.js';

/** The port in the socket's name: the pg driver connects to `<dir>/.s.PGSQL.<port>`. */
const PORT = 5432;

export interface PGliteThread {
  /** A connection string for the pg driver. */
  url: string;
  /** Bytes of the thread's JavaScript heap in use, and of PGlite's WebAssembly memory. */
  memory(): Promise<{ heapUsed: number; wasm: number }>;
  close(): Promise<void>;
}

/** Socket folders are named for their process, so that those of a process that died can be found. */
const SOCKET_DIR = /^pglite-(\d+)-/;

/** Removes the socket folders of processes that no longer run (killed before they could remove their own). */
function removeDeadSocketDirs() {
  for (const name of readdirSync(tmpdir())) {
    const pid = Number(SOCKET_DIR.exec(name)?.[1]);
    if (!pid || pid === process.pid) continue;
    try {
      process.kill(pid, 0);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ESRCH') rmSync(join(tmpdir(), name), { recursive: true, force: true });
    }
  }
}

export async function startPGliteThread(dataDir: string, setup: string): Promise<PGliteThread> {
  removeDeadSocketDirs();
  const socketDir = mkdtempSync(join(tmpdir(), `pglite-${process.pid}-`));
  const workerData: PGliteThreadData = { dataDir, socketPath: join(socketDir, `.s.PGSQL.${PORT}`), setup };
  // Run from TypeScript (npm start, tests), the thread registers the same loader before loading its module.
  const worker = import.meta.url.endsWith('.ts')
    ? new Worker(
        `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(new URL('./pglite-thread.ts', import.meta.url).href)}); })`,
        { eval: true, workerData },
      )
    : new Worker(new URL('./pglite-thread.js', import.meta.url), { workerData });
  let closing = false;
  // After start, a thread that fails leaves every statement failing (its socket is gone): said once, here.
  const ended = new Promise<never>((_, reject) => {
    worker.on('error', reject);
    worker.on('exit', (code) => reject(new Error(`PGlite's thread exited (code ${code})`)));
  });
  ended.catch((error: Error) => {
    if (!closing) console.error(`PGlite's thread stopped: ${error.message}`);
  });
  const message = (type: string) =>
    Promise.race([
      new Promise<{ type: string; message?: string; [more: string]: unknown }>((resolve) => {
        const onMessage = (m: { type: string; message?: string }) => {
          if (m.type === type || m.type === 'failed') {
            worker.off('message', onMessage);
            resolve(m);
          }
        };
        worker.on('message', onMessage);
      }),
      ended,
    ]);
  const ready = await message('ready').catch((error: Error) => ({ type: 'failed', message: error.message }));
  if (ready.type === 'failed') {
    closing = true;
    await worker.terminate();
    rmSync(socketDir, { recursive: true, force: true });
    throw new Error(`PGlite could not open ${dataDir}: ${ready.message}`);
  }
  return {
    url: `postgresql://postgres@localhost:${PORT}/postgres?host=${encodeURIComponent(socketDir)}`,
    async memory() {
      const answer = message('memory');
      worker.postMessage({ type: 'memory' });
      const reply = (await answer) as { type: string; message?: string; heapUsed?: number; wasm?: number };
      if (reply.type === 'failed') throw new Error(reply.message);
      return { heapUsed: reply.heapUsed!, wasm: reply.wasm! };
    },
    async close() {
      closing = true;
      const closed = message('closed').catch(() => null);
      worker.postMessage({ type: 'close' });
      await closed;
      await worker.terminate();
      rmSync(socketDir, { recursive: true, force: true });
    },
  };
}
