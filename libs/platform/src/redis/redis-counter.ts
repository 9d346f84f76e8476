import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { AppConfig } from '../config/app-config.js';
import { REDIS } from './redis.js';

export interface CounterState {
  count: number;
  /** Seconds until the window ends and the count starts again. */
  resetsIn: number;
}

/**
 * Windowed counters in Redis for rate limits and throttles: a window opens at the first hit and lasts
 * `windowSeconds`. Keys are prefixed with REDIS_PREFIX. Every call fails open (returns undefined)
 * while Redis is away: limits pause, the desk keeps taking work, and the gap is logged.
 */
@Injectable()
export class RedisCounter {
  private readonly logger = new Logger('RedisCounter');

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  async hit(key: string, windowSeconds: number): Promise<CounterState | undefined> {
    const full = this.key(key);
    const result = await this.guarded(() =>
      this.redis.multi().incr(full).expire(full, windowSeconds, 'NX').ttl(full).exec(),
    );
    return result
      ? { count: Number(result[0]?.[1] ?? 0), resetsIn: ttlOf(result[2]?.[1], windowSeconds) }
      : undefined;
  }

  async peek(key: string, windowSeconds: number): Promise<CounterState | undefined> {
    const full = this.key(key);
    const result = await this.guarded(() => this.redis.multi().get(full).ttl(full).exec());
    return result
      ? { count: Number(result[0]?.[1] ?? 0), resetsIn: ttlOf(result[1]?.[1], windowSeconds) }
      : undefined;
  }

  async reset(key: string): Promise<void> {
    await this.guarded(() => this.redis.del(this.key(key)));
  }

  private key(key: string): string {
    return `${this.config.REDIS_PREFIX}:${key}`;
  }

  private async guarded<T>(command: () => Promise<T>): Promise<T | undefined> {
    try {
      return await command();
    } catch (error) {
      this.logger.warn(`rate limiting unavailable: ${(error as Error).message}`);
      return undefined;
    }
  }
}

function ttlOf(value: unknown, windowSeconds: number): number {
  const ttl = Number(value);
  return ttl > 0 ? ttl : windowSeconds;
}
