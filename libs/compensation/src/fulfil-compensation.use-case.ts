import { Injectable, Logger } from '@nestjs/common';
import { AuditLog, SYSTEM } from '@desk/audit';
import { AppConfig, JobName, Outbox, QueueName, Transactions } from '@desk/platform';
import { Notifier } from '@desk/tickets';
import { CompensationRepository } from './compensation.repository.js';
import { EntitlementWebhook } from './entitlement-webhook.js';

/** Longest wait between two delivery attempts. */
const MAX_BACKOFF_MS = 3_600_000;

export function backoffMs(base: number, attempt: number): number {
  return Math.min(MAX_BACKOFF_MS, base * 2 ** Math.max(0, attempt - 1));
}

/**
 * Delivers a posted grant (webhook provider). The attempt count lives on the proposal in
 * PostgreSQL and the next try is an outbox timer committed with it, so retries survive a Redis
 * loss; exponential backoff between tries; after the last one the grant is `failed`, a dead letter
 * is written and the on-call supervisor is told, and a person may retry it.
 */
@Injectable()
export class FulfilCompensationUseCase {
  private readonly logger = new Logger('Fulfilment');

  constructor(
    private readonly compensations: CompensationRepository,
    private readonly webhook: EntitlementWebhook,
    private readonly outbox: Outbox,
    private readonly notifier: Notifier,
    private readonly audit: AuditLog,
    private readonly transactions: Transactions,
    private readonly config: AppConfig,
  ) {}

  async execute(id: string): Promise<'fulfilled' | 'retrying' | 'failed' | 'skipped'> {
    const found = await this.compensations.findById(id);
    if (!found || found.status !== 'posted') return 'skipped';
    let error: string | null = null;
    try {
      await this.webhook.deliver({
        compensationId: found.id,
        complaintId: found.complaintId,
        platformUserId: found.platformUserId,
        memberDays: Number(found.memberDays),
        qCoins: Number(found.qCoins),
        transferId: found.transferId,
      });
    } catch (e) {
      error = (e as Error).message.slice(0, 1000);
    }
    return this.transactions.run(async (tx) => {
      const current = await this.compensations.lockById(tx, id);
      if (!current || current.status !== 'posted') return 'skipped';
      const attempts = current.fulfilmentAttempts + 1;
      if (!error) {
        await this.compensations.update(tx, id, {
          status: 'fulfilled',
          fulfilledAt: new Date(),
          fulfilmentAttempts: attempts,
          lastError: null,
        });
        await this.audit.append(tx, {
          actor: SYSTEM,
          action: 'compensation.fulfilled',
          entityType: 'compensation',
          entityId: id,
          before: { status: 'posted' },
          after: { status: 'fulfilled', attempts },
        });
        return 'fulfilled';
      }
      if (attempts < this.config.FULFILMENT_MAX_ATTEMPTS) {
        await this.compensations.update(tx, id, { fulfilmentAttempts: attempts, lastError: error });
        await this.outbox.add(tx, {
          queue: QueueName.Compensation,
          job: JobName.FulfilCompensation,
          payload: { compensationId: id },
          runAt: new Date(Date.now() + backoffMs(this.config.FULFILMENT_BACKOFF_MS, attempts)),
          jobKey: `fulfil:${id}:${current.updatedAt.getTime()}:${attempts}`,
        });
        this.logger.warn(`delivery of compensation ${id} failed (attempt ${attempts}): ${error}`);
        return 'retrying';
      }
      await this.compensations.update(tx, id, {
        status: 'failed',
        fulfilmentAttempts: attempts,
        lastError: error,
        closedAt: new Date(),
      });
      await this.compensations.deadLetter(tx, { compensationId: id, attempts, error });
      await this.notifier.toOnCall(tx, new Date(), {
        kind: 'fulfilment_failed',
        title: `A grant could not be delivered after ${attempts} attempts: ${error}`.slice(0, 200),
        data: { compensationId: id },
      });
      await this.audit.append(tx, {
        actor: SYSTEM,
        action: 'compensation.fulfilment_failed',
        entityType: 'compensation',
        entityId: id,
        before: { status: 'posted' },
        after: { status: 'failed', attempts, error },
      });
      this.logger.error(
        `delivery of compensation ${id} failed for good after ${attempts} attempts`,
      );
      return 'failed';
    });
  }
}
