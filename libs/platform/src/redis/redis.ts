import { Redis, type RedisOptions } from 'ioredis';

export const REDIS = Symbol('REDIS');

/** Connection options from a redis:// or rediss:// URL; the path's db index is honoured. */
export function redisOptionsFromUrl(url: string): RedisOptions {
  const parsed = new URL(url);
  const db = parsed.pathname.replace(/^\//, '');
  return {
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : 6379,
    db: db ? Number(db) : 0,
    username: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    tls: parsed.protocol === 'rediss:' ? {} : undefined,
  };
}

/**
 * The desk's own Redis client (rate limits, health). Commands fail fast while Redis is away instead
 * of queueing, so a Redis outage degrades features rather than hanging requests.
 */
export function createRedisClient(url: string): Redis {
  return new Redis({
    ...redisOptionsFromUrl(url),
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
}
