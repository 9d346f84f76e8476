import { InjectQueue } from '@nestjs/bull';
import { Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { AUDIT_VERIFY_CRON, JobHandler, JobName, QueueConsumer, QueueName } from '@desk/platform';
import type { Queue } from 'bull';
import { AuditLog, type VerifyResult } from './audit-log.service.js';

/** Re-checks the audit chain on a schedule; a broken chain is logged at error level for alerting. */
@QueueConsumer(QueueName.Maintenance)
export class AuditVerifyProcessor implements OnApplicationBootstrap {
  private readonly logger = new Logger('AuditVerify');

  constructor(
    private readonly audit: AuditLog,
    @InjectQueue(QueueName.Maintenance) private readonly queue: Queue,
  ) {}

  /** Repeatable jobs are keyed by name and schedule, so every worker instance may declare it safely. */
  async onApplicationBootstrap(): Promise<void> {
    try {
      await this.queue.add(JobName.AuditVerify, {}, { repeat: { cron: AUDIT_VERIFY_CRON } });
    } catch (error) {
      this.logger.warn(`could not schedule the audit check: ${(error as Error).message}`);
    }
  }

  @JobHandler(JobName.AuditVerify)
  async verify(): Promise<VerifyResult> {
    const result = await this.audit.verify();
    if (result.ok) this.logger.log(`audit chain intact (${result.checked} records)`);
    else this.logger.error(`audit chain broken at record ${result.brokenAt}: ${result.reason}`);
    return result;
  }
}
