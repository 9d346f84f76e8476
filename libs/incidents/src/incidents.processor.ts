import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import {
  AppConfig,
  JobHandler,
  JobName,
  PeriodicTask,
  QueueConsumer,
  QueueName,
  Transactions,
} from '@desk/platform';
import type { Job } from 'bull';
import { IncidentRepository } from './incident.repository.js';
import { PlanRunner } from './plan-runner.service.js';
import { PostStatementRepliesUseCase } from './statements.use-case.js';

/** Incident work in the worker: plan chunks and statement replies. */
@QueueConsumer(QueueName.Incidents)
export class IncidentsProcessor {
  constructor(
    private readonly plans: PlanRunner,
    private readonly replies: PostStatementRepliesUseCase,
  ) {}

  @JobHandler(JobName.RunIncidentPlan, 4)
  chunk(job: Job<{ planId: string; lane?: number }>): Promise<number> {
    return this.plans.runChunk(job.data.planId, job.data.lane ?? 0);
  }

  @JobHandler(JobName.PostStatementReplies)
  statement(job: Job<{ statementId: string }>): Promise<number> {
    return this.replies.execute(job.data.statementId);
  }
}

/**
 * Restarts plans that stopped moving (their worker died with the chunk job): a plain timer in
 * every worker, so a lost job or a flushed Redis only delays a plan. Chunks are idempotent and
 * serialised on the plan row, so a restart that races a live run does no harm.
 */
@Injectable()
export class PlanWatchdog implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly every = this.config.SLA_SWEEP_INTERVAL_SECONDS * 1000;
  private readonly task = new PeriodicTask(new Logger('PlanWatchdog'), 'plan watchdog', () =>
    this.restartStalled(new Date(Date.now() - 5 * this.every)),
  );

  constructor(
    private readonly config: AppConfig,
    private readonly incidents: IncidentRepository,
    private readonly plans: PlanRunner,
    private readonly transactions: Transactions,
  ) {}

  onApplicationBootstrap(): void {
    this.task.start(this.every);
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  async restartStalled(olderThan: Date): Promise<number> {
    const stalled = await this.incidents.stalledPlans(olderThan);
    for (const id of stalled) {
      await this.transactions.run(async (tx) => {
        await this.incidents.touchPlan(tx, id);
        await this.plans.kick(tx, { id }, 'watchdog');
      });
    }
    return stalled.length;
  }
}
