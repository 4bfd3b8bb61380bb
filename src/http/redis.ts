// One Redis client for the rate limits and the response cache, set to fail fast: a request must never
// wait on a Redis that does not answer (each user falls back to this process's memory).
import { Redis } from 'ioredis';

export function connectRedis(url: string): Redis {
  const redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 1_000, commandTimeout: 500 });
  // Reported by the users' fallbacks; unhandled, a connection error would end the process.
  redis.on('error', () => {});
  return redis;
}

/**
 * A connection for SUBSCRIBE alone (a subscribed connection may run nothing else): it keeps retrying while
 * Redis is away, and resubscribes when it is back, so that changes from other servers reach this one again.
 */
export function connectRedisSubscriber(url: string): Redis {
  const redis = new Redis(url, { connectTimeout: 1_000, maxRetriesPerRequest: null });
  redis.on('error', () => {});
  return redis;
}

/** Whether Redis answers: waits up to 2 s for the first connection. */
export function redisReady(redis: Redis): Promise<boolean> {
  if (redis.status === 'ready') return Promise.resolve(true);
  return new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), 2_000);
    redis.once('ready', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}
