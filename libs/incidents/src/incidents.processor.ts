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
  private readonly logger = new Logger('PlanWatchdog');
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly config: AppConfig,
    private readonly incidents: IncidentRepository,
    private readonly plans: PlanRunner,
    private readonly transactions: Transactions,
  ) {}

  onApplicationBootstrap(): void {
    const every = this.config.SLA_SWEEP_INTERVAL_SECONDS * 1000;
    this.timer = setInterval(() => {
      this.running ??= this.restartStalled(new Date(Date.now() - 5 * every))
        .catch((error: Error) => this.logger.warn(`plan watchdog failed: ${error.message}`))
        .finally(() => (this.running = undefined));
    }, every);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
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
