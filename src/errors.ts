// Every error code a client can see in `extensions.code`. Anything else is masked by Yoga as
// "Unexpected error." (code INTERNAL_SERVER_ERROR) and logged with its stack for operators.
import { GraphQLError } from 'graphql';

export const ErrorCode = {
  /** The request's `Authorization: Bearer <key>` is malformed, unknown or revoked: HTTP 401, nothing ran. */
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  /** The key's role does not allow this operation (a reader's write, a non-admin's key list). */
  FORBIDDEN: 'FORBIDDEN',
  /** An argument is malformed or out of range: page size over 100, a bad cursor or global ID, a bad date. */
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  /** The operation is too deep or too broad to run (query depth or complexity limits). */
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  /** The operation may cost more than one operation is allowed (`extensions.cost` says how much): ask for smaller pages. */
  QUERY_TOO_COSTLY: 'QUERY_TOO_COSTLY',
  /** The client spent its budget of cost per minute: HTTP 429 with Retry-After; `extensions.cost` tells when it refills. */
  RATE_LIMITED: 'RATE_LIMITED',
  /** APQ: the hash sent is not registered yet; send the query with it once (Apollo's protocol). */
  PERSISTED_QUERY_NOT_FOUND: 'PERSISTED_QUERY_NOT_FOUND',
  /** Only persisted operations are served (PERSISTED_OPERATIONS=only) and this is not one of them. */
  PERSISTED_QUERY_ONLY: 'PERSISTED_QUERY_ONLY',
  /** A request a browser could send from another site (GET, form content types) came without a CSRF header: 403. */
  CSRF_HEADER_REQUIRED: 'CSRF_HEADER_REQUIRED',
  /**
   * The operation ran past the request timeout (REQUEST_TIMEOUT_MS), or one of its statements past the database's
   * (DB_STATEMENT_TIMEOUT_MS), and was answered without its data: HTTP 504. The database is up; ask for less.
   */
  REQUEST_TIMEOUT: 'REQUEST_TIMEOUT',
  /** The request body is larger than the server reads (2 MB): HTTP 413. */
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  /** A request body came without Content-Length (chunked): HTTP 411; send its length. */
  LENGTH_REQUIRED: 'LENGTH_REQUIRED',
  /** The answer would be larger than MAX_RESPONSE_BYTES (`extensions.maxBytes`): ask for smaller pages or fewer fields. */
  RESPONSE_TOO_LARGE: 'RESPONSE_TOO_LARGE',
  /**
   * The server is answering as many requests as it may (MAX_CONCURRENT_REQUESTS), or holds as many unread
   * answers as it may: HTTP 503 with Retry-After, before anything ran. The database is fine; retry shortly.
   */
  OVERLOADED: 'OVERLOADED',
  /** The database cannot be reached now (down, restarting, too slow): HTTP 503 with Retry-After; retry later. */
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  /** Unexpected failure; the message is masked and the cause logged (set by Yoga's masking). */
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export function badUserInput(message: string, argument?: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: argument ? { code: ErrorCode.BAD_USER_INPUT, argument } : { code: ErrorCode.BAD_USER_INPUT },
  });
}
