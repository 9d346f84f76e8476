import { Inject, Injectable } from '@nestjs/common';
import { AppConfig, REDIS } from '@desk/platform';
import type { Redis } from 'ioredis';
import type { SubmitComplaintResponse } from './public-complaint.dto.js';

/** How long a replay still shows the tracking token; after that only its hash exists anywhere. */
const KEEP_SECONDS = 24 * 3600;

/**
 * The first intake answer, token included, kept briefly so a client retrying after a lost response
 * still learns its token. Best effort: without Redis a replay simply comes without the token.
 */
@Injectable()
export class IntakeReplayCache {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  async keep(key: string, response: SubmitComplaintResponse): Promise<void> {
    await this.redis
      .set(this.key(key), JSON.stringify(response), 'EX', KEEP_SECONDS)
      .catch(() => undefined);
  }

  async get(key: string): Promise<SubmitComplaintResponse | undefined> {
    const kept = await this.redis.get(this.key(key)).catch(() => null);
    return kept ? (JSON.parse(kept) as SubmitComplaintResponse) : undefined;
  }

  private key(key: string): string {
    return `${this.config.REDIS_PREFIX}:intake-replay:${key}`;
  }
}
