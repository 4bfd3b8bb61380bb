// patches/@whatwg-node+promise-helpers+1.3.2.patch: handleMaybePromise and iterateAsync, which graphql-yoga
// and envelop call for every plugin hook of every request, answer plain values without building fake
// promises, and iterate without recursing. These tests hold the patched functions to the library's own
// chain of fake promises (built from its exported fakePromise and unfakePromise) in every combination of
// plain, thrown, promised and rejected values, and fail if the patch is not applied.
import { fakePromise, fakeRejectPromise, handleMaybePromise, iterateAsync, unfakePromise } from '@whatwg-node/promise-helpers';
import { describe, expect, it } from 'vitest';

/** The unpatched handleMaybePromise, step for step. */
function reference(input: () => any, success?: (v: any) => any, failure?: (e: any) => any, final?: () => any): any {
  let result$: any = (fakePromise() as any).then(input).then(success, failure);
  if (final) result$ = result$.finally(final);
  return unfakePromise(result$);
}

/**
 * A rejected promise already marked handled: the library drops what a `finally` after a rejection
 * returns, patched or not, and the test runner would report each such promise as unhandled.
 */
function rejected(error: Error): Promise<never> {
  const promise = Promise.reject(error);
  promise.catch(() => undefined);
  return promise;
}

type Step = { name: string; make: (log: string[], label: string) => ((...args: any[]) => any) | undefined };
const value = (label: string) => `${label}-value`;
// What a factory may do: answer, throw, or answer with a (fake or real) promise that resolves or rejects.
const behaviours: Step[] = [
  { name: 'absent', make: () => undefined },
  { name: 'plain', make: (log, label) => (arg?: unknown) => (log.push(`${label}(${String(arg)})`), value(label)) },
  { name: 'throws', make: (log, label) => (arg?: unknown) => { log.push(`${label}(${String(arg)})`); throw new Error(`${label}-error`); } },
  { name: 'promise', make: (log, label) => (arg?: unknown) => (log.push(`${label}(${String(arg)})`), Promise.resolve(value(label))) },
  { name: 'rejected', make: (log, label) => (arg?: unknown) => (log.push(`${label}(${String(arg)})`), rejected(new Error(`${label}-rejected`))) },
  { name: 'fake', make: (log, label) => (arg?: unknown) => (log.push(`${label}(${String(arg)})`), fakePromise(value(label))) },
  { name: 'fake-rejected', make: (log, label) => (arg?: unknown) => (log.push(`${label}(${String(arg)})`), fakeRejectPromise(new Error(`${label}-fake-rejected`))) },
];

/** How a call ended: at once or later, with a value or an error; and the factories called, in order. */
async function outcome(run: (log: string[]) => unknown) {
  const log: string[] = [];
  let now: string;
  let later: unknown;
  try {
    const result = run(log);
    now = result !== null && typeof (result as any)?.then === 'function' ? 'thenable' : `value ${String(result)}`;
    if (now === 'thenable') later = await (result as Promise<unknown>).then((v) => `resolved ${String(v)}`, (e: Error) => `rejected ${e.message}`);
  } catch (error) {
    now = `threw ${(error as Error).message}`;
  }
  await new Promise((r) => setImmediate(r));
  return { now, later, log };
}

describe('the patched handleMaybePromise', () => {
  it('does what the chain of fake promises does, for every combination of factories', async () => {
    let compared = 0;
    for (const input of behaviours.filter((b) => b.name !== 'absent')) {
      for (const success of behaviours) {
        for (const failure of behaviours) {
          for (const final of behaviours) {
            const call = (fn: typeof reference) => (log: string[]) =>
              fn(input.make(log, 'input')!, success.make(log, 'success'), failure.make(log, 'failure'), final.make(log, 'finally'));
            const expected = await outcome(call(reference));
            const actual = await outcome(call(handleMaybePromise as unknown as typeof reference));
            expect({ input: input.name, success: success.name, failure: failure.name, final: final.name, ...actual })
              .toEqual({ input: input.name, success: success.name, failure: failure.name, final: final.name, ...expected });
            compared++;
          }
        }
      }
    }
    expect(compared).toBe(6 * 7 * 7 * 7);
  });
});

describe('the patched iterateAsync', () => {
  it('runs a hundred thousand plain callbacks in a loop (the unpatched one recursed once per callback)', () => {
    const results: number[] = [];
    const returned = iterateAsync(Array.from({ length: 100_000 }, (_, i) => i), (n: number) => n % 2 === 0 ? n + 1 : undefined, results);
    expect(returned).toBeUndefined();
    expect(results).toHaveLength(50_000);
    expect(results.at(-1)).toBe(99_999);
  });

  it('stops where a callback ends early, and goes on after a promised answer', async () => {
    const seen: number[] = [];
    const results: string[] = [];
    const returned = iterateAsync([1, 2, 3, 4, 5], (n: number, endEarly: () => void) => {
      seen.push(n);
      if (n === 2) return Promise.resolve('two');
      if (n === 4) endEarly();
      return n === 4 ? 'four' : undefined;
    }, results);
    expect(seen).toEqual([1, 2]);
    await returned;
    expect(seen).toEqual([1, 2, 3, 4]);
    expect(results).toEqual(['two', 'four']);
  });

  it('lets a callback that throws throw at once', () => {
    expect(() => iterateAsync([1, 2], () => {
      throw new Error('hook failed');
    })).toThrow('hook failed');
  });
});
