// An operation that runs past the request timeout is answered at once with REQUEST_TIMEOUT (HTTP 504);
// its statements are cancelled by the database's statement timeout (server PostgreSQL), which frees
// their connections. The client never waits longer than the timeout, whatever the database does.
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { ErrorCode } from '../errors.js';

const isPromiseLike = (value: unknown): value is PromiseLike<unknown> => typeof (value as PromiseLike<unknown> | null)?.then === 'function';

export function useRequestTimeout(ms: number): Plugin {
  return {
    onExecute({ executeFn, setExecuteFn }) {
      setExecuteFn((args) => {
        const result = executeFn(args);
        // Finished already (nothing asked of the database, or compiled and run at once): no timer to set.
        if (!isPromiseLike(result)) return result;
        let timer: NodeJS.Timeout | undefined;
        const timedOut = new Promise((resolve) => {
          timer = setTimeout(() => resolve({
            errors: [new GraphQLError(`The operation took longer than ${ms} ms and was stopped; ask for less, or retry later.`, {
              extensions: { code: ErrorCode.REQUEST_TIMEOUT, http: { status: 504 } },
            })],
          }), ms);
        });
        const work = Promise.resolve(result);
        // The work may still fail after the answer went out: its error must not be unhandled.
        work.catch(() => {});
        return Promise.race([work, timedOut]).finally(() => clearTimeout(timer)) as ReturnType<typeof executeFn>;
      });
    },
  };
}
