// The worker-thread side of PGlite in its own thread (see pglite-threaded.ts): opens PGlite and
// serves it over a Unix socket in PostgreSQL's wire protocol, so the server's thread talks to it
// with the pg driver exactly as to a server PostgreSQL.
import { createServer, type Socket } from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';
import type { PGlite } from '@electric-sql/pglite';
import { openPGlite } from './pglite.js';

export interface PGliteThreadData {
  dataDir: string;
  socketPath: string;
  /** Statements run once at start: the session settings every connection of a server would get. */
  setup: string;
}

const SSL_REQUEST = 80877103;
const CANCEL_REQUEST = 80877102;
const TERMINATE = 0x58;

/** One at a time, whatever the connection: PGlite has one session. */
let queue = Promise.resolve();
/** The connection whose transaction is open in that session, if any. */
let inTransaction: Socket | null = null;

/**
 * Relays one connection's messages to PGlite, whole messages at a time, in order. The pool on the
 * other side keeps one connection; a new one can open while the last one closes (the pool replaces a
 * connection after an error).
 */
function relay(db: PGlite, socket: Socket) {
  let pending = Buffer.alloc(0);
  let started = false;
  const run = (message: Uint8Array) => {
    queue = queue
      .then(async () => {
        const before = db.isInTransaction();
        const reply = await db.execProtocolRaw(message, { syncToFs: false });
        if (!db.isInTransaction()) inTransaction = null;
        else if (!before) inTransaction = socket;
        if (reply.length > 0 && socket.writable) socket.write(reply);
      })
      .catch(() => {
        socket.destroy();
      });
  };
  socket.on('data', (data) => {
    pending = pending.length === 0 ? data : Buffer.concat([pending, data]);
    // Before the startup message, messages have no type byte: a length, then a code.
    while (!started && pending.length >= 8) {
      const length = pending.readInt32BE(0);
      // Not PostgreSQL's protocol: nothing of it reaches the session.
      if (length < 8) return void socket.destroy();
      if (pending.length < length) return;
      const code = pending.readInt32BE(4);
      const message = pending.subarray(0, length);
      pending = pending.subarray(length);
      if (code === SSL_REQUEST) socket.write('N');
      else if (code === CANCEL_REQUEST) socket.end();
      else {
        started = true;
        run(new Uint8Array(message));
      }
    }
    if (!started) return;
    // Every whole message received, in one call: PGlite runs them in turn, as a server would.
    let end = 0;
    let terminated = false;
    while (pending.length - end >= 5) {
      const length = 1 + pending.readInt32BE(end + 1);
      if (length < 5) return void socket.destroy();
      if (pending.length - end < length) break;
      // Terminate ('X') ends this connection, not PGlite's session: it is not relayed.
      if (pending[end] === TERMINATE) {
        terminated = true;
        break;
      }
      end += length;
    }
    if (end > 0) run(new Uint8Array(pending.subarray(0, end)));
    pending = pending.subarray(end);
    if (terminated) socket.end();
  });
  // A connection that ends inside its transaction must not leave it open for the next one.
  socket.on('close', () => {
    queue = queue
      .then(async () => {
        if (inTransaction !== socket) return;
        inTransaction = null;
        await db.exec('ROLLBACK');
      })
      .catch(() => {});
  });
  socket.on('error', () => socket.destroy());
}

async function main() {
  const { dataDir, socketPath, setup } = workerData as PGliteThreadData;
  const db = await openPGlite(dataDir);
  await db.exec(setup);
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    relay(db, socket);
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(socketPath, resolve));
  parentPort!.on('message', async (message: { type: string }) => {
    if (message.type !== 'close') return;
    // A connection still open (a client that never ended it) must not keep PGlite from closing.
    const closed = new Promise((resolve) => server.close(resolve));
    for (const socket of sockets) socket.destroy();
    await closed;
    await queue;
    await db.close();
    parentPort!.postMessage({ type: 'closed' });
  });
  parentPort!.postMessage({ type: 'ready' });
}

main().catch((error: unknown) => {
  parentPort!.postMessage({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
});
