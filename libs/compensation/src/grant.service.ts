import { Injectable } from '@nestjs/common';
import { type Actor, AuditLog } from '@desk/audit';
import { LedgerService, grantLegs } from '@desk/ledger';
import { AppConfig, JobName, Outbox, QueueName, type Tx } from '@desk/platform';
import type { CompensationEntity } from './compensation.entity.js';
import { CompensationRepository } from './compensation.repository.js';

/**
 * The last approval's work, in its transaction: the grant is posted to the ledger (expense shard →
 * the user's wallet, idempotent per proposal), and the proposal becomes `posted`. With the `ledger`
 * provider the desk's wallet is the entitlement, so it is `fulfilled` at once; with `webhook`, an
 * outbox row asks the worker to deliver it. `approved` is transient: it never outlives this call.
 */
@Injectable()
export class GrantService {
  constructor(
    private readonly compensations: CompensationRepository,
    private readonly ledger: LedgerService,
    private readonly outbox: Outbox,
    private readonly audit: AuditLog,
    private readonly config: AppConfig,
  ) {}

  async grant(
    tx: Tx,
    compensation: CompensationEntity,
    actor: Actor,
    policyVersion: number,
  ): Promise<CompensationEntity> {
    const key = `compensation:${compensation.id}`;
    const { transfer } = await this.ledger.post(
      tx,
      {
        idempotencyKey: key,
        kind: 'grant',
        legs: grantLegs({
          platformUserId: compensation.platformUserId,
          memberDays: BigInt(compensation.memberDays),
          qCoins: BigInt(compensation.qCoins),
          shardKey: key,
        }),
        reference: {
          compensationId: compensation.id,
          platformUserId: compensation.platformUserId,
          category: compensation.category ?? undefined,
          ruleId: compensation.ruleId ?? undefined,
          ruleVersion: compensation.ruleVersion ?? undefined,
          incidentId: compensation.incidentId ?? undefined,
        },
      },
      actor,
    );
    const now = new Date();
    const viaLedger = this.config.FULFILMENT_PROVIDER === 'ledger';
    const updated = await this.compensations.update(tx, compensation.id, {
      status: viaLedger ? 'fulfilled' : 'posted',
      transferId: transfer.id,
      postedAt: now,
      fulfilledAt: viaLedger ? now : null,
    });
    if (!viaLedger) {
      await this.outbox.add(tx, {
        queue: QueueName.Compensation,
        job: JobName.FulfilCompensation,
        payload: { compensationId: compensation.id },
        jobKey: `fulfil:${compensation.id}:0`,
      });
    }
    await this.audit.append(tx, {
      actor,
      action: 'compensation.posted',
      entityType: 'compensation',
      entityId: compensation.id,
      before: { status: compensation.status },
      after: {
        status: updated.status,
        transferId: transfer.id,
        policyVersion,
        provider: this.config.FULFILMENT_PROVIDER,
      },
    });
    return updated;
  }
}
