import {
  type DynamicModule,
  Global,
  Inject,
  Module,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { Redis } from 'ioredis';
import { AppConfig, loadConfig } from './config/app-config.js';
import { MetricsService } from './metrics/metrics.service.js';
import { Transactions } from './database/transactions.js';
import { createRedisClient, REDIS } from './redis/redis.js';
import { RedisCounter } from './redis/redis-counter.js';

/**
 * Process-wide services every domain may use: configuration, the desk's Redis client, metrics and
 * transactions. Global so domain modules do not re-import it.
 */
@Global()
@Module({})
export class PlatformModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  static forRoot(config: AppConfig = loadConfig()): DynamicModule {
    return {
      module: PlatformModule,
      providers: [
        { provide: AppConfig, useValue: config },
        {
          provide: REDIS,
          useFactory: (c: AppConfig) => createRedisClient(c.REDIS_URL),
          inject: [AppConfig],
        },
        MetricsService,
        RedisCounter,
        Transactions,
      ],
      exports: [AppConfig, REDIS, MetricsService, RedisCounter, Transactions],
    };
  }

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}
