// The worker-thread side of PGlite in its own thread (see pglite-threaded.ts): opens PGlite and
// serves it over a Unix socket in PostgreSQL's wire protocol, so the server's thread talks to it
// with the pg driver exactly as to a server PostgreSQL.
import { createServer, type Socket } from 'node:net';
import { getHeapStatistics } from 'node:v8';
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

/**
 * What waits for the session: whole messages; a COPY FROM STDIN to start (answered by this thread, as
 * PGlite reads COPY input from a file only); its data, complete, to run; `null`: the connection closed.
 */
type Job = Uint8Array | { copyStart: true } | { copy: string; data: Uint8Array<ArrayBuffer>[]; failed: boolean } | null;

/** A client's connection: its messages wait here for their turn at PGlite's one session. */
interface Connection {
  socket: Socket;
  /** Prefix of its prepared statements' and portals' names in the shared session. */
  prefix: string;
  /** Jobs, in order. */
  batches: Job[];
  /** While the client sends a COPY's data: the statement, with the data received so far. */
  copying: { sql: string; data: Uint8Array<ArrayBuffer>[] } | null;
  /** Names (prefixed) of the statements it has prepared, deallocated when it closes. */
  statements: Set<string>;
}

const PARSE = 0x50;
const BIND = 0x42;
const DESCRIBE = 0x44;
const CLOSE = 0x43;
/** In Describe and Close: the name that follows is a statement's ('P': a portal's). */
const STATEMENT = 0x53;
const READY_FOR_QUERY = 0x5a;
const IDLE = 0x49;
/** Sync: ends an extended-protocol exchange left unfinished by a connection that closed. */
const SYNC_MESSAGE = new Uint8Array([0x53, 0, 0, 0, 4]);

/**
 * Connections share PGlite's one session, one batch at a time. A connection keeps the session from
 * the batch that leaves it busy (a transaction open, or an exchange not ended by ReadyForQuery) to
 * the one that leaves it idle: another connection's statements never run inside its transaction, or
 * between its Parse and its Sync. Waiting connections take turns.
 */
let owner: Connection | null = null;
const waiting: Connection[] = [];
let running = false;
/** Settles when nothing runs (closing waits for it). */
let idle = Promise.resolve();
let settle = () => {};
let connections = 0;

function enqueue(db: PGlite, connection: Connection, batch: Job) {
  connection.batches.push(batch);
  if (connection !== owner && !waiting.includes(connection)) waiting.push(connection);
  pump(db);
}

function pump(db: PGlite) {
  if (running) return;
  let connection: Connection | undefined;
  if (owner) {
    if (owner.batches.length === 0) return;
    connection = owner;
  } else {
    connection = waiting.shift();
    if (!connection) return;
  }
  const batch = connection.batches.shift()!;
  running = true;
  idle = new Promise((resolve) => (settle = resolve));
  (batch === null ? closeConnection(db, connection) : batch instanceof Uint8Array ? runBatch(db, connection, batch) : 'copyStart' in batch ? startCopy(connection) : runCopy(db, connection, batch))
    .catch(() => {
      if (batch === null) {
        // Its cleanup failed: nothing more can be done for it, and the others must not wait forever.
        if (owner === connection) owner = null;
      } else {
        // PGlite failed mid-batch, leaving the session in a state no other connection may run in: the
        // connection keeps it until its close (queued by the destroy) ends the exchange and any transaction.
        owner = connection;
        connection.socket.destroy();
      }
    })
    .finally(() => {
      running = false;
      if (connection !== owner && connection.batches.length > 0 && !waiting.includes(connection)) waiting.push(connection);
      settle();
      pump(db);
    });
}

/**
 * Runs a batch and writes PGlite's reply as it comes. Not execProtocolRaw: it also parses every reply
 * message into a list only execProtocol empties, so under raw use the thread's heap kept every row it
 * had ever sent (100 MB every 5 s under fifty coalitions) and spent its time decoding them.
 */
async function runBatch(db: PGlite, connection: Connection, batch: Uint8Array) {
  const chunks: Uint8Array[] = [];
  // The chunks are views of PGlite's memory, which the next chunk overwrites: each is copied.
  await db.execProtocolRawStream(batch, { syncToFs: false, onRawData: (chunk) => void chunks.push(chunk.slice()) });
  reply(connection, chunks);
}

/** Writes a reply and gives the session up if the reply leaves it idle. */
function reply(connection: Connection, chunks: Uint8Array[]) {
  const { socket } = connection;
  // Idle at the end of the reply (ReadyForQuery, status I): the session is free for the next connection.
  const free = byteFromEnd(chunks, 6) === READY_FOR_QUERY && byteFromEnd(chunks, 1) === IDLE;
  owner = free ? null : connection;
  if (chunks.length === 0 || !socket.writable) return;
  // One write of every chunk (writev), not a system call per chunk.
  socket.cork();
  for (const chunk of chunks) socket.write(chunk);
  socket.uncork();
}

/** The byte `offset` bytes before the end of the chunks, joined (undefined if there are fewer). */
function byteFromEnd(chunks: Uint8Array[], offset: number): number | undefined {
  for (let i = chunks.length - 1; i >= 0; i--) {
    const chunk = chunks[i]!;
    if (offset <= chunk.length) return chunk[chunk.length - offset];
    offset -= chunk.length;
  }
  return undefined;
}

/** CopyInResponse, text format, no column formats listed (the pg driver's COPY streams read none). */
const COPY_IN_RESPONSE = new Uint8Array([0x47, 0, 0, 0, 7, 0, 0, 0]);
const QUERY = 0x51;
const COPY_DATA = 0x64;
const COPY_DONE = 0x63;
const COPY_FAIL = 0x66;
/** `COPY ... FROM STDIN`, and what comes before and after STDIN. */
const COPY_FROM_STDIN = /^(\s*COPY\s[\s\S]*\sFROM\s+)STDIN\b([\s\S]*)$/i;

/** The statement of a simple query message, if it is a COPY FROM STDIN. */
function copyFromStdin(message: Buffer): string | null {
  if (message[0] !== QUERY) return null;
  const sql = message.toString('utf8', 5, message.length - 1);
  return COPY_FROM_STDIN.test(sql) ? sql : null;
}

/** Its turn come, the COPY asks for its data: the connection keeps the session until the COPY has run. */
async function startCopy(connection: Connection) {
  owner = connection;
  if (connection.socket.writable) connection.socket.write(COPY_IN_RESPONSE);
}

/** A simple query message. */
function queryMessage(sql: string): Uint8Array {
  const body = Buffer.from(`${sql}\0`);
  const message = Buffer.alloc(5 + body.length);
  message[0] = QUERY;
  message.writeInt32BE(4 + body.length, 1);
  body.copy(message, 5);
  return message;
}

/**
 * Runs a COPY FROM STDIN with the data its client sent, read from PGlite's /dev/blob (as PGlite's own
 * query() does with a blob), and replies as PostgreSQL would: CommandComplete or an error, then
 * ReadyForQuery. A client that gave up (CopyFail) gets the error PostgreSQL would give it.
 */
async function runCopy(db: PGlite, connection: Connection, copy: { copy: string; data: Uint8Array<ArrayBuffer>[]; failed: boolean }) {
  const sql = copy.failed
    ? `DO $$ BEGIN RAISE EXCEPTION 'COPY from stdin failed: the client gave up'; END $$`
    : copy.copy.replace(COPY_FROM_STDIN, `$1'/dev/blob'$2`);
  // PGlite's /dev/blob: set and cleared by query({ blob }), which speaks its own protocol, not the client's.
  const blobs = db as unknown as { _handleBlob(blob?: Blob): Promise<void>; _cleanupBlob(): Promise<void> };
  await blobs._handleBlob(new Blob(copy.data));
  const chunks: Uint8Array[] = [];
  try {
    await db.execProtocolRawStream(queryMessage(sql), { syncToFs: false, onRawData: (chunk) => void chunks.push(chunk.slice()) });
  } finally {
    await blobs._cleanupBlob();
  }
  reply(connection, chunks);
}

/** A connection gone: its exchange ended, its transaction rolled back, its statements deallocated. */
async function closeConnection(db: PGlite, connection: Connection) {
  if (owner === connection) {
    await db.execProtocolRawStream(SYNC_MESSAGE, { syncToFs: false, onRawData: () => {} });
    if (db.isInTransaction()) await db.exec('ROLLBACK');
    owner = null;
  }
  // A statement whose Parse failed was never made: nothing to deallocate.
  for (const name of connection.statements) await db.exec(`DEALLOCATE "${name.replaceAll('"', '""')}"`).catch(() => {});
}

/**
 * The batch with every named statement and portal given the connection's prefix: each pg client
 * names its statements as if it had the session to itself (the same text, the same name, on each
 * connection). Returns the batch itself when no name needs it.
 */
function prefixNames(connection: Connection, batch: Buffer): Buffer {
  const parts: Buffer[] = [];
  let copied = 0;
  for (let at = 0; at < batch.length; at += 1 + batch.readInt32BE(at + 1)) {
    const type = batch[at]!;
    if (type !== PARSE && type !== BIND && type !== DESCRIBE && type !== CLOSE) continue;
    const end = at + 1 + batch.readInt32BE(at + 1);
    // The names a message holds: Parse a statement's; Bind a portal's then a statement's; Describe and Close one after 'S' or 'P'.
    const head = type === DESCRIBE || type === CLOSE ? 6 : 5;
    const fields = cStrings(batch, at + head, end, type === BIND ? 2 : 1);
    // Malformed: left as it is, for PGlite to refuse.
    if (!fields) continue;
    const cursor = at + head + fields.reduce((length, field) => length + field.length + 1, 0);
    if (fields.every((field) => field.length === 0)) continue;
    const named = fields.map((field) => (field.length === 0 ? field : Buffer.from(connection.prefix + field.toString())));
    if (type === PARSE) connection.statements.add(named[0]!.toString());
    if (type === CLOSE && batch[at + 5] === STATEMENT) connection.statements.delete(named[0]!.toString());
    const body = Buffer.concat([batch.subarray(at + 5, at + head), ...named.flatMap((field) => [field, Buffer.alloc(1)]), batch.subarray(cursor, end)]);
    const message = Buffer.alloc(5);
    message[0] = type;
    message.writeInt32BE(4 + body.length, 1);
    parts.push(batch.subarray(copied, at), message, body);
    copied = end;
  }
  if (copied === 0) return batch;
  parts.push(batch.subarray(copied));
  return Buffer.concat(parts);
}

/** `count` zero-terminated strings from `from`, all before `end`; null if they are not there. */
function cStrings(batch: Buffer, from: number, end: number, count: number): Buffer[] | null {
  const strings: Buffer[] = [];
  for (let cursor = from; strings.length < count; ) {
    const zero = batch.indexOf(0, cursor);
    if (zero < 0 || zero >= end) return null;
    strings.push(batch.subarray(cursor, zero));
    cursor = zero + 1;
  }
  return strings;
}

/**
 * Reads one connection's messages and queues them, whole messages at a time, in order. The pool on
 * the other side keeps a few connections, so the next statement waits in this thread while PGlite
 * runs one, instead of a round trip away.
 */
function relay(db: PGlite, socket: Socket) {
  const connection: Connection = { socket, prefix: `c${++connections}_`, batches: [], copying: null, statements: new Set() };
  let pending = Buffer.alloc(0);
  let started = false;
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
        enqueue(db, connection, new Uint8Array(message));
      }
    }
    if (!started) return;
    // Every whole message received, in one call: PGlite runs them in turn, as a server would.
    let start = 0;
    let end = 0;
    let terminated = false;
    const flush = () => {
      if (end > start) enqueue(db, connection, new Uint8Array(prefixNames(connection, pending.subarray(start, end))));
      start = end;
    };
    while (pending.length - end >= 5) {
      const length = 1 + pending.readInt32BE(end + 1);
      if (length < 5) return void socket.destroy();
      if (pending.length - end < length) break;
      const type = pending[end]!;
      if (connection.copying) {
        // A COPY's data is gathered here; Sync and Flush mean nothing during it.
        if (type === COPY_DATA) connection.copying.data.push(new Uint8Array(pending.subarray(end + 5, end + length)));
        else if (type === COPY_DONE || type === COPY_FAIL) {
          enqueue(db, connection, { copy: connection.copying.sql, data: connection.copying.data, failed: type === COPY_FAIL });
          connection.copying = null;
        }
        end += length;
        start = end;
        continue;
      }
      // Terminate ('X') ends this connection, not PGlite's session: it is not relayed.
      if (type === TERMINATE) {
        terminated = true;
        break;
      }
      const copy = copyFromStdin(pending.subarray(end, end + length));
      if (copy) {
        flush();
        enqueue(db, connection, { copyStart: true });
        connection.copying = { sql: copy, data: [] };
        end += length;
        start = end;
        continue;
      }
      end += length;
    }
    flush();
    pending = pending.subarray(end);
    if (terminated) socket.end();
  });
  // After what it sent before: a connection that ends inside its transaction must not leave it open for the next one.
  socket.on('close', () => enqueue(db, connection, null));
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
    if (message.type === 'memory') {
      const wasm = db.Module.wasmMemory.buffer.byteLength;
      return parentPort!.postMessage({ type: 'memory', heapUsed: getHeapStatistics().used_heap_size, wasm });
    }
    if (message.type !== 'close') return;
    // A connection still open (a client that never ended it) must not keep PGlite from closing.
    const closed = new Promise((resolve) => server.close(resolve));
    for (const socket of sockets) socket.destroy();
    await closed;
    // Every connection's close has been queued: wait for them to run.
    while (running) await idle;
    await db.close();
    parentPort!.postMessage({ type: 'closed' });
  });
  parentPort!.postMessage({ type: 'ready' });
}

main().catch((error: unknown) => {
  parentPort!.postMessage({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
});
