// Bounded answers. An answer is held in memory until its client has read it: 200 clients that asked
// for a large @defer answer and never read it took the server to 2.4 GB, and held the pool while other
// clients got 503s. So: one answer's size is capped (a clear error past it); GraphQL requests in flight
// (from arrival until their answer is handed to the operating system) are capped, and so are the bytes
// queued for clients that do not read, with an overload answer of its own past either; and a connection
// that moves no byte for WRITE_TIMEOUT_MS is closed, which frees what its answer held.
import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import { GraphQLError, type ExecutionResult } from 'graphql';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import { ErrorCode } from '../errors.js';

export const DEFAULT_MAX_RESPONSE_BYTES = 8_000_000;
export const DEFAULT_MAX_CONCURRENT_REQUESTS = 256;
/** Open subscriptions (Server-Sent Events streams) at most: each holds a connection and little memory. */
export const DEFAULT_MAX_SUBSCRIPTIONS = 5_000;
export const DEFAULT_MAX_QUEUED_BYTES = 256_000_000;
export const DEFAULT_WRITE_TIMEOUT_MS = 30_000;
/** Seconds an overloaded server asks a client to wait. */
export const OVERLOAD_RETRY_SECONDS = 1;

function tooLarge(maxBytes: number): GraphQLError {
  return new GraphQLError(`The answer would be larger than ${maxBytes} bytes, the most this server sends for one operation: ask for smaller pages or fewer fields.`, {
    extensions: { code: ErrorCode.RESPONSE_TOO_LARGE, maxBytes },
  });
}

/** Payloads of an incremental answer, ended with an error once their bytes pass `maxBytes`. */
async function* capped(source: AsyncIterable<ExecutionResult>, maxBytes: number): AsyncGenerator<ExecutionResult> {
  let bytes = 0;
  const iterator = source[Symbol.asyncIterator]();
  try {
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      bytes += Buffer.byteLength(JSON.stringify(next.value));
      if (bytes > maxBytes) {
        yield { errors: [tooLarge(maxBytes)], hasNext: false } as ExecutionResult;
        return;
      }
      yield next.value;
    }
  } finally {
    await iterator.return?.();
  }
}

/**
 * Refuses answers over `maxBytes`: a single answer by its length (Yoga sets it before compression),
 * replaced by an error; an incremental one (@defer, @stream) ended by an error payload when its bytes
 * pass the cap.
 */
export function useAnswerSizeLimit(maxBytes: number): Plugin {
  return {
    onExecute: () => ({
      onExecuteDone({ result, setResult }) {
        if (isAsyncIterable(result)) setResult(capped(result as AsyncIterable<ExecutionResult>, maxBytes));
      },
    }),
    onResponse({ response, setResponse, fetchAPI }) {
      const type = response.headers.get('content-type') ?? '';
      if (!type.includes('json') || !(Number(response.headers.get('content-length')) > maxBytes)) return;
      const body = JSON.stringify({ errors: [tooLarge(maxBytes).toJSON()] });
      setResponse(new fetchAPI.Response(body, { status: response.status, headers: { 'content-type': type, 'content-length': String(Buffer.byteLength(body)) } }));
    },
  };
}

export interface AdmissionOptions {
  /** GraphQL requests in flight at most (arrival until their answer is handed to the system). */
  maxConcurrent: number;
  /** Bytes queued in this process for clients that have not read them, at most. */
  maxQueuedBytes: number;
  /**
   * Subscriptions (requests asking for text/event-stream) open at most: counted apart, as they stay open for
   * hours and would otherwise take every request's place.
   */
  maxSubscriptions?: number;
  /** Paths counted and refused: GraphQL's. Probes and metrics are always answered. */
  counts?: (url: string) => boolean;
}

const overload = (reason: string) =>
  JSON.stringify({ errors: [{ message: `The server is answering as many requests as it can (${reason}); retry in ${OVERLOAD_RETRY_SECONDS} s.`, extensions: { code: ErrorCode.OVERLOADED } }] });

/** Requests in flight are summed for their queued bytes only past this many: below it, they cannot hold much. */
const SUM_QUEUED_FROM = 8;

/**
 * Wraps the server's handler with admission control: a GraphQL request beyond `maxConcurrent` in flight,
 * or while answers not yet read hold `maxQueuedBytes`, is answered at once with 503 OVERLOADED and
 * Retry-After, before its body is read or anything runs.
 */
export function admissionControl(handler: RequestListener, options: AdmissionOptions): RequestListener & { inFlight(): number } {
  const counts = options.counts ?? ((url: string) => url.startsWith('/graphql'));
  const inFlight = new Set<ServerResponse>();
  const queuedBytes = () => {
    let bytes = 0;
    for (const response of inFlight) bytes += response.writableLength + (response.socket?.writableLength ?? 0);
    return bytes;
  };
  const refuse = (res: ServerResponse, reason: string) => {
    const body = overload(reason);
    res.writeHead(503, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), 'retry-after': String(OVERLOAD_RETRY_SECONDS), connection: 'close' });
    res.end(body);
  };
  const streams = new Set<ServerResponse>();
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    if (!counts(req.url ?? '')) return handler(req, res);
    if ((req.headers.accept ?? '').includes('text/event-stream')) {
      const max = options.maxSubscriptions ?? DEFAULT_MAX_SUBSCRIPTIONS;
      if (streams.size >= max) return refuse(res, `${max} subscriptions open`);
      streams.add(res);
      res.once('close', () => streams.delete(res));
      return handler(req, res);
    }
    if (inFlight.size >= options.maxConcurrent) return refuse(res, `${options.maxConcurrent} requests in flight`);
    if (inFlight.size >= SUM_QUEUED_FROM && queuedBytes() > options.maxQueuedBytes) return refuse(res, 'answers not yet read by their clients fill its buffers');
    inFlight.add(res);
    const done = () => inFlight.delete(res);
    res.once('finish', done);
    res.once('close', done);
    return handler(req, res);
  };
  return Object.assign(listener, { inFlight: () => inFlight.size });
}

/**
 * Closes a connection that moves no byte, in or out, for `ms`: a client that stopped reading its answer
 * (or sending its request). Node lets a write that moved since its last check run one more period, so a
 * client that stops reading mid-answer is closed within twice `ms`. `ms` is longer than the request
 * timeout, so an operation still running is never cut by it.
 */
export function closeStalledConnections(server: Server, ms: number): void {
  server.timeout = ms;
  server.on('timeout', (socket) => socket.destroy());
}
