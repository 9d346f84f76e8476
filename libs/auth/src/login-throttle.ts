import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { AppConfig, DomainError, REDIS } from '@desk/platform';
import type { Redis } from 'ioredis';
import { AuthErrorCode } from './auth.errors.js';

/**
 * Counts failed logins per e-mail and IP in Redis (the e-mail is hashed, so Redis holds no contact).
 * After LOGIN_MAX_FAILURES failures inside the window, further attempts get 429 until it expires.
 * While Redis is away logins are not throttled: staff can still work, and the gap is logged.
 */
@Injectable()
export class LoginThrottle {
  private readonly logger = new Logger('LoginThrottle');

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  async assertAllowed(email: string, ip: string): Promise<void> {
    const key = this.key(email, ip);
    const result = await this.guarded(() => this.redis.multi().get(key).ttl(key).exec());
    if (!result) return;
    const failures = Number(result[0]?.[1] ?? 0);
    const ttl = Number(result[1]?.[1] ?? -1);
    if (failures >= this.config.LOGIN_MAX_FAILURES) {
      const retryAfter = ttl > 0 ? ttl : this.config.LOGIN_THROTTLE_WINDOW_SECONDS;
      throw DomainError.tooManyRequests(
        AuthErrorCode.LoginThrottled,
        `Too many failed logins; try again in ${retryAfter} seconds`,
        retryAfter,
      );
    }
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    const key = this.key(email, ip);
    await this.guarded(() =>
      this.redis
        .multi()
        .incr(key)
        .expire(key, this.config.LOGIN_THROTTLE_WINDOW_SECONDS, 'NX')
        .exec(),
    );
  }

  async reset(email: string, ip: string): Promise<void> {
    await this.guarded(() => this.redis.del(this.key(email, ip)));
  }

  private key(email: string, ip: string): string {
    const who = createHash('sha256').update(email).digest('hex').slice(0, 32);
    return `${this.config.REDIS_PREFIX}:login-fail:${who}:${ip}`;
  }

  private async guarded<T>(command: () => Promise<T>): Promise<T | undefined> {
    try {
      return await command();
    } catch (error) {
      this.logger.warn(`login throttling unavailable: ${(error as Error).message}`);
      return undefined;
    }
  }
}
