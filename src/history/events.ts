// The change feed's live side: after a write commits, its revisions are published to every subscriber of
// this server and, through Redis pub/sub when REDIS_URL is set, of every other server. A server that hears
// of a change (its own or another's) re-reads the data version at once, so its response cache and ETags
// drop what the write changed before the next request, instead of at the next poll.
import { createPubSub, type PubSub } from 'graphql-yoga';
import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import type { Redis } from 'ioredis';

/** One revision, as published: enough to filter on and to load the rest by its sequence. */
export interface ChangeEvent {
  sequence: number;
  at: string;
  recordType: string;
  recordId: string;
  entityIds: string[];
  operation: string;
  action: string | null;
  actor: string;
  actorRole: string | null;
  reason: string | null;
}

/** The one topic, named with the prefix: it is the Redis channel too. */
const TOPIC = 'sahel:changes';
type Topics = { [TOPIC]: [ChangeEvent[]] };

export interface ChangeHub {
  /**
   * Announces what a committed transaction wrote. Resolves once this server's listeners are done (its response
   * cache dropped what changed: the writer reads its own write), while the others hear it through Redis.
   */
  publish(changes: ChangeEvent[]): Promise<void>;
  /** Every batch of changes published, on any server, as it comes. */
  subscribe(): AsyncIterable<ChangeEvent[]>;
  /** Called for every batch heard, local or remote (the response cache's refresh). */
  onChange(listener: () => Promise<void> | void): void;
  close(): Promise<void>;
}

/**
 * The event target publishes, subscribes and unsubscribes without awaiting: a Redis that is down (or a connection
 * closed at shutdown) would reject unheard, and an unhandled rejection ends the process. Subscribers miss a change
 * then (they catch up with `changes(after:)`); this server's cache has been refreshed already, by `publish`.
 */
function quietly(publish: Redis, subscribe: Redis) {
  return {
    publishClient: { publish: (channel: string, message: string) => publish.publish(channel, message).catch(() => 0) } as unknown as Redis,
    subscribeClient: {
      on: (event: string, listener: (...args: any[]) => void) => subscribe.on(event, listener),
      subscribe: (channel: string) => subscribe.subscribe(channel).catch(() => 0),
      unsubscribe: (channel: string) => subscribe.unsubscribe(channel).catch(() => 0),
    } as unknown as Redis,
  };
}

export function createChangeHub(redis?: { publish: Redis; subscribe: Redis }): ChangeHub {
  const pubsub: PubSub<Topics> = redis
    ? createPubSub<Topics>({ eventTarget: createRedisEventTarget(quietly(redis.publish, redis.subscribe)) })
    : createPubSub<Topics>();
  const listeners: (() => Promise<void> | void)[] = [];
  // One subscription of the hub's own tells the listeners; it lives as long as the hub.
  const own = pubsub.subscribe(TOPIC);
  void (async () => {
    for await (const _ of own) for (const listener of listeners) void listener();
  })().catch(() => {});
  return {
    publish: async (changes) => {
      if (changes.length === 0) return;
      await Promise.all(listeners.map((listener) => listener()));
      pubsub.publish(TOPIC, changes);
    },
    subscribe: () => pubsub.subscribe(TOPIC),
    onChange: (listener) => void listeners.push(listener),
    close: async () => {
      await own.return?.();
      redis?.subscribe.disconnect();
    },
  };
}
