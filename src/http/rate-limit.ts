// A budget of cost per client per minute: each operation spends what it may cost (src/http/cost.ts). A
// client is its address: a key header is not an identity until keys are issued and verified, and an
// invented one must not buy a fresh budget. Counted in memory, or in
// Redis when REDIS_URL is set so that every server shares one budget; if Redis stops answering, each
// server falls back to its own memory count rather than refusing or admitting everyone.
//
// Without Redis the count is a map this module keeps and answers at once: rate-limiter-flexible's
// memory store answers through a promise and a result object per call (0.9-1.2 µs a call against
// 0.25-0.3 µs, measured alone), and every request passes here.
import type { IncomingMessage } from 'node:http';
import { isIPv6 } from 'node:net';
import { GraphQLError } from 'graphql';
import type { Identity } from '../auth/api-keys.js';
import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { CostReport } from './cost.js';
import { ErrorCode } from '../errors.js';
import { connectRedis, redisReady } from './redis.js';

export const RATE_WINDOW_SECONDS = 60;

export type Admission = GraphQLError | { budget: number; remaining: number; resetInSeconds: number };

export interface RateLimit {
  /**
   * Spends `cost.requested` of the client's budget: the budget left, or a RATE_LIMITED error (HTTP 429).
   * In memory the answer is immediate; through Redis it is a promise.
   */
  admit(cost: CostReport, context: object): Admission | Promise<Admission>;
  /** Redis: whether it answers (waits up to 2 s for the first connection); memory: true. */
  connected(): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * An IPv6 client by its /64: one host is given a whole /64 and can pick a new address in it at every
 * request, as it could invent a new key. IPv4 (and IPv4 mapped in IPv6) by its address.
 */
export function addressClient(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (!isIPv6(address)) return address;
  const [head = '', tail = ''] = address.toLowerCase().split('::');
  const front = head ? head.split(':') : [];
  const back = tail ? tail.split(':') : [];
  const groups = address.includes('::') ? [...front, ...Array(8 - front.length - back.length).fill('0'), ...back] : front;
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

/**
 * The client a request comes from: the key it was verified by, else its address. Behind a trusted proxy
 * (TRUST_PROXY), the address is the last one of X-Forwarded-For, the one that proxy added: the earlier ones
 * are the client's own to write.
 * That mode requires that the port is reachable only through the proxy: a client that reaches it directly
 * writes the last entry itself.
 */
export function clientKey(context: { request?: Request; req?: IncomingMessage; identity?: Identity }, trustProxy = false): string {
  // A verified key is its holder's budget, wherever they call from; an unverified key never reaches here.
  if (context.identity?.kind === 'key') return `key:${context.identity.keyId}`;
  const forwarded = trustProxy ? context.request?.headers.get('x-forwarded-for')?.split(',').at(-1)?.trim() : undefined;
  return `ip:${addressClient(forwarded || (context.req?.socket?.remoteAddress ?? 'local'))}`;
}

/** One client's spending in the current window, which opens at its first operation (as rate-limiter-flexible counts). */
interface Spending {
  spent: number;
  resetAt: number;
}

/** Clients counted apart in memory at most; beyond them, new clients share one budget (OVERFLOW_CLIENT). */
export const MAX_CLIENTS = 100_000;
const OVERFLOW_CLIENT = '(new clients past the limit)';

/**
 * Fixed windows per client, in this process. Windows that have closed are dropped once a window, so the
 * map holds the clients of the last minute or two, not every client ever seen. A caller with many
 * addresses (a botnet; IPv6 hosts are counted by their /64) could still grow it within a minute: past
 * `maxClients`, clients not yet counted share one budget until windows close (legitimate newcomers among
 * them while it lasts, which is the price of a bounded memory).
 */
class MemoryBudget {
  private readonly spending = new Map<string, Spending>();
  private readonly sweeper: NodeJS.Timeout;
  /** When a full map was last swept for closed windows: at most once a second, each sweep reading all of it. */
  private sweptFullAt = 0;

  constructor(private readonly points: number, private readonly windowMs: number, private readonly maxClients: number) {
    this.sweeper = setInterval(() => this.sweep(Date.now()), windowMs);
    this.sweeper.unref();
  }

  /**
   * Spends `cost`, refused or not, as RateLimiterRedis does: a client's budget means the same with and
   * without Redis (once refused, refused until its window closes).
   */
  spend(client: string, cost: number, now = Date.now()): { admitted: boolean; remaining: number; msBeforeNext: number } {
    // A cost below nothing would credit the budget past its size.
    cost = Math.max(0, cost);
    let record = this.spending.get(client);
    if (record === undefined && client !== OVERFLOW_CLIENT && this.spending.size >= this.maxClients) {
      if (now - this.sweptFullAt >= 1_000) {
        this.sweptFullAt = now;
        this.sweep(now);
      }
      if (this.spending.size >= this.maxClients) return this.spend(OVERFLOW_CLIENT, cost, now);
    }
    if (record === undefined || record.resetAt <= now) {
      record = { spent: 0, resetAt: now + this.windowMs };
      this.spending.set(client, record);
    }
    record.spent += cost;
    return { admitted: record.spent <= this.points, remaining: Math.max(0, this.points - record.spent), msBeforeNext: record.resetAt - now };
  }

  sweep(now: number) {
    for (const [client, record] of this.spending) if (record.resetAt <= now) this.spending.delete(client);
  }

  close() {
    clearInterval(this.sweeper);
  }
}

export function createRateLimit(options: {
  costPerMinute: number;
  /** Callers with no key: their own, smaller budget (default: the same as a key's). */
  anonymousCostPerMinute?: number;
  redisUrl?: string;
  redis?: Redis;
  trustProxy?: boolean;
  maxClients?: number;
}): RateLimit {
  const client = (context: object) => clientKey(context as Parameters<typeof clientKey>[0], options.trustProxy);
  // A client passed in is the caller's to close; one made from a URL is this limiter's.
  const owned = !options.redis && options.redisUrl ? connectRedis(options.redisUrl) : undefined;
  const redis = options.redis ?? owned;
  const keyed = budgetOf(options.costPerMinute, 'sahel:cost', options.maxClients, redis);
  const anonymous = budgetOf(options.anonymousCostPerMinute ?? options.costPerMinute, 'sahel:cost-anonymous', options.maxClients, redis);
  const tierOf = (context: object) => ((context as { identity?: Identity }).identity?.kind === 'key' ? keyed : anonymous);
  return {
    admit: (cost, context) => tierOf(context).admit(cost, client(context)),
    connected: async () => (redis ? redisReady(redis) : true),
    async close() {
      keyed.close();
      anonymous.close();
      owned?.disconnect();
    },
  };
}

/**
 * One budget of cost per minute, counted in Redis when there is one (this process's memory while Redis does
 * not answer, and without it). No insurance limiter of rate-limiter-flexible's: its memory store would hold every
 * client seen while Redis is down, where this process's count is bounded (MemoryBudget).
 */
function budgetOf(budget: number, keyPrefix: string, maxClients = MAX_CLIENTS, redis?: Redis) {
  const refuse = (cost: CostReport, remaining: number, msBeforeNext: number) => {
    const retryAfter = Math.max(1, Math.ceil(msBeforeNext / 1000));
    return new GraphQLError(`Rate limit reached: this client may spend ${budget} cost per minute and this operation costs ${cost.requested}; retry in ${retryAfter} s.`, {
      extensions: {
        code: ErrorCode.RATE_LIMITED,
        cost: { budget, remaining: Math.max(0, remaining), resetInSeconds: retryAfter },
        http: { status: 429, headers: { 'Retry-After': String(retryAfter) } },
      },
    });
  };
  const memory = new MemoryBudget(budget, RATE_WINDOW_SECONDS * 1000, maxClients);
  const admitFromMemory = (cost: CostReport, client: string): Admission => {
    const { admitted, remaining, msBeforeNext } = memory.spend(client, cost.requested);
    return admitted ? { budget, remaining, resetInSeconds: Math.ceil(msBeforeNext / 1000) } : refuse(cost, remaining, msBeforeNext);
  };
  const limiter = redis ? new RateLimiterRedis({ storeClient: redis, keyPrefix, points: budget, duration: RATE_WINDOW_SECONDS }) : undefined;
  return {
    admit(cost: CostReport, client: string): Admission | Promise<Admission> {
      if (!limiter) return admitFromMemory(cost, client);
      return limiter.consume(client, Math.max(0, cost.requested)).then(
        (spent) => ({ budget, remaining: spent.remainingPoints, resetInSeconds: Math.ceil(spent.msBeforeNext / 1000) }),
        (error: unknown) => {
          if (error instanceof RateLimiterRes) return refuse(cost, error.remainingPoints, error.msBeforeNext);
          // Redis did not answer (a refused connection, a timeout): neither refuse nor admit everyone.
          return admitFromMemory(cost, client);
        },
      );
    },
    close: () => memory.close(),
  };
}
