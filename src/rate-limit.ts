// A budget of cost per client per minute: each operation spends what it may cost (src/cost.ts). A
// client is its API key when it sends one (X-API-Key), else its IP address. Counted in memory, or in
// Redis when REDIS_URL is set so that every server shares one budget; if Redis stops answering, each
// server falls back to its own memory count rather than refusing or admitting everyone.
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { GraphQLError } from 'graphql';
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { CostReport } from './cost.js';
import { ErrorCode } from './errors.js';
import { connectRedis, redisReady } from './redis.js';

export const RATE_WINDOW_SECONDS = 60;

export interface RateLimit {
  /** Spends `cost.requested` of the client's budget: the budget left, or a RATE_LIMITED error (HTTP 429). */
  admit(cost: CostReport, context: object): Promise<GraphQLError | { budget: number; remaining: number; resetInSeconds: number }>;
  /** Redis: whether it answers (waits up to 2 s for the first connection); memory: true. */
  connected(): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * The client a request comes from: its API key (hashed: keys are never stored) or its address. Behind a
 * trusted proxy (TRUST_PROXY), the address is the last one of X-Forwarded-For, the one that proxy added:
 * the earlier ones are the client's own to write.
 */
export function clientKey(context: { request?: Request; req?: IncomingMessage }, trustProxy = false): string {
  const key = context.request?.headers.get('x-api-key');
  if (key) return `key:${createHash('sha256').update(key).digest('hex').slice(0, 32)}`;
  const forwarded = trustProxy ? context.request?.headers.get('x-forwarded-for')?.split(',').at(-1)?.trim() : undefined;
  return `ip:${forwarded || (context.req?.socket?.remoteAddress ?? 'local')}`;
}

export function createRateLimit(options: { costPerMinute: number; redisUrl?: string; redis?: Redis; trustProxy?: boolean }): RateLimit {
  const memory = new RateLimiterMemory({ points: options.costPerMinute, duration: RATE_WINDOW_SECONDS });
  // A client passed in is the caller's to close; one made from a URL is this limiter's.
  const owned = !options.redis && options.redisUrl ? connectRedis(options.redisUrl) : undefined;
  const redis = options.redis ?? owned;
  let limiter: RateLimiterAbstract = memory;
  if (redis) {
    limiter = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: 'sahel:cost',
      points: options.costPerMinute,
      duration: RATE_WINDOW_SECONDS,
      insuranceLimiter: memory,
    });
  }
  return {
    async admit(cost, context) {
      const budget = options.costPerMinute;
      try {
        const spent = await limiter.consume(clientKey(context as Parameters<typeof clientKey>[0], options.trustProxy), cost.requested);
        return { budget, remaining: spent.remainingPoints, resetInSeconds: Math.ceil(spent.msBeforeNext / 1000) };
      } catch (error) {
        if (!(error instanceof RateLimiterRes)) throw error;
        const retryAfter = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
        return new GraphQLError(`Rate limit reached: this client may spend ${budget} cost per minute and this operation costs ${cost.requested}; retry in ${retryAfter} s.`, {
          extensions: {
            code: ErrorCode.RATE_LIMITED,
            cost: { budget, remaining: Math.max(0, error.remainingPoints), resetInSeconds: retryAfter },
            http: { status: 429, headers: { 'Retry-After': String(retryAfter) } },
          },
        });
      }
    },
    connected: async () => (redis ? redisReady(redis) : true),
    async close() {
      owned?.disconnect();
    },
  };
}
