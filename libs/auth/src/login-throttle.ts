import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppConfig, DomainError, RedisCounter } from '@desk/platform';
import { AuthErrorCode } from './auth.errors.js';

/**
 * Counts failed logins per e-mail and IP (the e-mail is hashed, so Redis holds no contact). After
 * LOGIN_MAX_FAILURES failures inside the window, attempts get 429 until it ends. While Redis is away
 * logins are not throttled: staff can still work.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    private readonly counter: RedisCounter,
    private readonly config: AppConfig,
  ) {}

  async assertAllowed(email: string, ip: string): Promise<void> {
    const state = await this.counter.peek(
      this.key(email, ip),
      this.config.LOGIN_THROTTLE_WINDOW_SECONDS,
    );
    if (state && state.count >= this.config.LOGIN_MAX_FAILURES) {
      throw DomainError.tooManyRequests(
        AuthErrorCode.LoginThrottled,
        `Too many failed logins; try again in ${state.resetsIn} seconds`,
        state.resetsIn,
      );
    }
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    await this.counter.hit(this.key(email, ip), this.config.LOGIN_THROTTLE_WINDOW_SECONDS);
  }

  async reset(email: string, ip: string): Promise<void> {
    await this.counter.reset(this.key(email, ip));
  }

  private key(email: string, ip: string): string {
    return `login-fail:${createHash('sha256').update(email).digest('hex').slice(0, 32)}:${ip}`;
  }
}
