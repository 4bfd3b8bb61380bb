// Every error code a client can see in `extensions.code`. Anything else is masked by Yoga as
// "Unexpected error." (code INTERNAL_SERVER_ERROR) and logged with its stack for operators.
import { GraphQLError } from 'graphql';

export const ErrorCode = {
  /** An argument is malformed or out of range: page size over 100, a bad cursor or global ID, a bad date. */
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  /** The operation is too deep or too broad to run (query depth or complexity limits). */
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
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
