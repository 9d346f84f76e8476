import { BullModule, getQueueToken } from '@nestjs/bull';
import { type DynamicModule, Global, Logger, Module, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bull';
import { AppConfig } from '../config/app-config.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { redisOptionsFromUrl } from '../redis/redis.js';
import { DEFAULT_JOB_OPTIONS, QueueName } from './queues.js';

const ALL_QUEUES = Object.values(QueueName);

/**
 * Registers every queue once, with the shared defaults. The API only reads queues (metrics): its
 * clients fail fast while Redis is away instead of queueing commands, so neither requests nor a
 * shutdown wait for Redis. The worker's clients wait and reconnect, as consumers must.
 */
@Global()
@Module({})
export class QueuesModule implements OnModuleInit {
  private readonly logger = new Logger('Queues');

  static forRoot(role: 'api' | 'worker'): DynamicModule {
    return {
      module: QueuesModule,
      imports: [
        BullModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => ({
            redis: {
              ...redisOptionsFromUrl(config.REDIS_URL),
              ...(role === 'api' ? { enableOfflineQueue: false } : {}),
            },
            prefix: config.REDIS_PREFIX,
            defaultJobOptions: DEFAULT_JOB_OPTIONS,
          }),
        }),
        BullModule.registerQueue(...ALL_QUEUES.map((name) => ({ name }))),
      ],
      exports: [BullModule],
    };
  }

  constructor(
    private readonly metrics: MetricsService,
    private readonly moduleRef: ModuleRef,
  ) {}

  onModuleInit(): void {
    const queues = ALL_QUEUES.map((name) =>
      this.moduleRef.get<Queue>(getQueueToken(name), { strict: false }),
    );
    // An 'error' event without a listener would crash the process when Redis goes away; log it
    // instead (once per queue and minute), and let the outbox keep the work meanwhile.
    const lastLogged = new Map<string, number>();
    for (const queue of queues) {
      queue.on('error', (error: Error) => {
        if (Date.now() - (lastLogged.get(queue.name) ?? 0) < 60_000) return;
        lastLogged.set(queue.name, Date.now());
        this.logger.warn(`queue ${queue.name}: ${error.message}`);
      });
    }
    this.metrics.watchQueues(queues);
  }
}
