import { InjectQueue } from '@nestjs/bull';
import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { AppConfig, JobName, QueueName } from '@desk/platform';
import type { Queue } from 'bull';
import { DataSource } from 'typeorm';
import { triageJobKey } from './intake-group-commit.js';

/**
 * Re-arms triage jobs that Redis lost (a flush, a failover): complaints still `received` a while
 * after intake get their job again, under the same job id, so a job that is merely waiting is not
 * doubled. A plain timer in every worker; the database is the list of what remains to be done.
 */
@Injectable()
export class TriageSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('TriageSweeper');
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    @InjectQueue(QueueName.Triage) private readonly queue: Queue,
  ) {}

  onApplicationBootstrap(): void {
    const every = this.config.SLA_SWEEP_INTERVAL_SECONDS * 1000;
    this.timer = setInterval(() => {
      this.running ??= this.sweep(new Date(Date.now() - 5 * every))
        .catch((error: Error) => this.logger.warn(`triage sweep failed: ${error.message}`))
        .finally(() => (this.running = undefined));
    }, every);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Re-adds the triage job of every complaint still waiting since before `olderThan`. */
  async sweep(olderThan: Date): Promise<number> {
    const rows = (await this.dataSource.query(
      `SELECT id FROM complaints WHERE status = 'received' AND created_at < $1
        ORDER BY created_at LIMIT 1000`,
      [olderThan],
    )) as { id: string }[];
    if (rows.length === 0) return 0;
    await this.queue.addBulk(
      rows.map((r) => ({
        name: JobName.TriageComplaint,
        data: { complaintId: r.id },
        opts: { jobId: triageJobKey(r.id) },
      })),
    );
    return rows.length;
  }
}
