import { InjectQueue } from '@nestjs/bull';
import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { AppConfig, JobName, PeriodicTask, QueueName } from '@desk/platform';
import type { Queue } from 'bull';
import { ComplaintRepository } from './complaint.repository.js';
import { triageJobKey } from './intake-group-commit.js';

/**
 * Re-arms triage jobs that Redis lost (a flush, a failover): complaints still `received` a while
 * after intake get their job again, under the same job id, so a job that is merely waiting is not
 * doubled. A plain timer in every worker; the database is the list of what remains to be done.
 */
@Injectable()
export class TriageSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly every = this.config.SLA_SWEEP_INTERVAL_SECONDS * 1000;
  private readonly task = new PeriodicTask(new Logger('TriageSweeper'), 'triage sweep', () =>
    this.sweep(new Date(Date.now() - 5 * this.every)),
  );

  constructor(
    private readonly config: AppConfig,
    private readonly complaints: ComplaintRepository,
    @InjectQueue(QueueName.Triage) private readonly queue: Queue,
  ) {}

  onApplicationBootstrap(): void {
    this.task.start(this.every);
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  /** Re-adds the triage job of every complaint still waiting since before `olderThan`. */
  async sweep(olderThan: Date): Promise<number> {
    const ids = await this.complaints.awaitingTriage(olderThan, 1000);
    if (ids.length === 0) return 0;
    await this.queue.addBulk(
      ids.map((id) => ({
        name: JobName.TriageComplaint,
        data: { complaintId: id },
        opts: { jobId: triageJobKey(id) },
      })),
    );
    return ids.length;
  }
}
