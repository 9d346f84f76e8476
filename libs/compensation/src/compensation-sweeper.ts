import { InjectQueue } from '@nestjs/bull';
import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { AppConfig, JobName, PeriodicTask, QueueName } from '@desk/platform';
import type { Queue } from 'bull';
import { ExpireProposalsUseCase } from './compensation-actions.use-cases.js';
import { CompensationRepository } from './compensation.repository.js';
import { backoffMs } from './fulfil-compensation.use-case.js';

/**
 * On a plain interval in every worker: expires pending proposals past their time, and re-arms
 * deliveries whose next attempt is overdue (their timer was lost with Redis). The attempt count
 * and its time are in PostgreSQL, so a re-armed delivery carries on where it stood.
 */
@Injectable()
export class CompensationSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly task = new PeriodicTask(
    new Logger('CompensationSweeper'),
    'compensation sweep',
    () => Promise.all([this.expire.execute(), this.rearmDeliveries()]),
  );

  constructor(
    private readonly config: AppConfig,
    private readonly expire: ExpireProposalsUseCase,
    private readonly compensations: CompensationRepository,
    @InjectQueue(QueueName.Compensation) private readonly queue: Queue,
  ) {}

  onApplicationBootstrap(): void {
    this.task.start(this.config.SLA_SWEEP_INTERVAL_SECONDS * 1000);
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  async rearmDeliveries(now = Date.now()): Promise<number> {
    if (this.config.FULFILMENT_PROVIDER !== 'webhook') return 0;
    const grace = 5 * this.config.SLA_SWEEP_INTERVAL_SECONDS * 1000;
    const overdue = (await this.compensations.postedSince(new Date(now - grace))).filter(
      (c) =>
        now - c.updatedAt.getTime() >
        grace + (c.attempts === 0 ? 0 : backoffMs(this.config.FULFILMENT_BACKOFF_MS, c.attempts)),
    );
    if (overdue.length === 0) return 0;
    await this.queue.addBulk(
      overdue.map((c) => ({
        name: JobName.FulfilCompensation,
        data: { compensationId: c.id },
        opts: { jobId: `fulfil:${c.id}:sweep:${c.attempts}` },
      })),
    );
    return overdue.length;
  }
}
