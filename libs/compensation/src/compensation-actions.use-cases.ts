import { Injectable } from '@nestjs/common';
import { type Actor, AuditLog, SYSTEM } from '@desk/audit';
import { ComplaintRepository } from '@desk/complaints';
import {
  AppConfig,
  CommonErrorCode,
  DomainError,
  JobName,
  Outbox,
  QueueName,
  Transactions,
} from '@desk/platform';
import { assertPending, notFound } from './approve-compensation.use-case.js';
import { CompensationErrorCode } from './compensation.constants.js';
import type { CompensationView, ProposeCompensationDto } from './compensation.dto.js';
import { CompensationRepository } from './compensation.repository.js';
import { compensationView } from './compensation.views.js';
import { ProposalService } from './proposal.service.js';
import { cappedOutcome } from './rule-matching.policy.js';
import { ruleOf } from './compensation.views.js';

type StaffActor = Extract<Actor, { kind: 'staff' }>;

/** Any agent proposes; several proposals per complaint are fine. A ruleId makes its cap apply. */
@Injectable()
export class ProposeCompensationUseCase {
  constructor(
    private readonly complaints: ComplaintRepository,
    private readonly compensations: CompensationRepository,
    private readonly proposals: ProposalService,
    private readonly transactions: Transactions,
  ) {}

  async execute(actor: StaffActor, dto: ProposeCompensationDto): Promise<CompensationView> {
    if (dto.memberDays === 0 && dto.qCoins === 0) {
      throw DomainError.invalid(
        CompensationErrorCode.NothingToGrant,
        'Give memberDays or qCoins (or both) above zero',
      );
    }
    const complaint = await this.complaints.findById(dto.complaintId);
    if (!complaint) {
      throw DomainError.invalid(
        CompensationErrorCode.ComplaintNotFound,
        'complaintId names no complaint',
      );
    }
    return this.transactions.run(async (tx) => {
      let rule: { id: string; version: number } | undefined;
      if (dto.ruleId) {
        const found = await this.compensations.currentRule(dto.ruleId, tx);
        if (!found)
          throw DomainError.invalid(CompensationErrorCode.RuleNotFound, 'ruleId names no rule');
        const current = ruleOf(found);
        const left = cappedOutcome(
          { ...current, outcome: { memberDays: dto.memberDays, qCoins: dto.qCoins } },
          await this.compensations.grantedByRule30Days(
            tx,
            complaint.platformUserId,
            current.id,
            new Date(),
          ),
        );
        if (!left || left.memberDays < dto.memberDays || left.qCoins < dto.qCoins) {
          throw DomainError.conflict(
            CompensationErrorCode.CapExceeded,
            `The rule's 30-day cap for this user leaves ${left?.memberDays ?? 0} member days and ${left?.qCoins ?? 0} Q-coins`,
          );
        }
        rule = current;
      }
      const created = (await this.proposals.propose(tx, actor, {
        complaintId: complaint.id,
        platformUserId: complaint.platformUserId,
        category: complaint.category,
        memberDays: dto.memberDays,
        qCoins: dto.qCoins,
        reason: dto.reason.trim(),
        source: rule ? 'rule' : 'manual',
        ruleId: rule?.id,
        ruleVersion: rule?.version,
      }))!;
      return compensationView(created, []);
    });
  }
}

/** A supervisor or finance person says no, with a reason. */
@Injectable()
export class RejectCompensationUseCase {
  constructor(
    private readonly compensations: CompensationRepository,
    private readonly audit: AuditLog,
    private readonly transactions: Transactions,
  ) {}

  execute(actor: StaffActor, id: string, reason: string): Promise<CompensationView> {
    return this.transactions.run(async (tx) => {
      const found = await this.compensations.lockById(tx, id);
      if (!found) throw notFound();
      assertPending(found, new Date());
      const updated = await this.compensations.update(tx, id, {
        status: 'rejected',
        rejectedBy: actor.id,
        rejectReason: reason.trim(),
        closedAt: new Date(),
      });
      await this.audit.append(tx, {
        actor,
        action: 'compensation.rejected',
        entityType: 'compensation',
        entityId: id,
        before: { status: found.status },
        after: { status: 'rejected', reason: reason.trim(), policyVersion: found.policyVersion },
      });
      return compensationView(updated, await this.compensations.approvals(id, tx));
    });
  }
}

/** A grant whose delivery failed for good is sent again (its ledger posting stays as it is). */
@Injectable()
export class RetryFulfilmentUseCase {
  constructor(
    private readonly compensations: CompensationRepository,
    private readonly outbox: Outbox,
    private readonly audit: AuditLog,
    private readonly transactions: Transactions,
    private readonly config: AppConfig,
  ) {}

  execute(actor: StaffActor, id: string): Promise<CompensationView> {
    return this.transactions.run(async (tx) => {
      const found = await this.compensations.lockById(tx, id);
      if (!found) throw notFound();
      if (found.status !== 'failed') {
        throw DomainError.conflict(
          CompensationErrorCode.NotFailed,
          `The compensation is ${found.status}, not failed`,
        );
      }
      if (this.config.FULFILMENT_PROVIDER !== 'webhook') {
        throw DomainError.conflict(
          CommonErrorCode.Conflict,
          'Fulfilment is by the ledger: nothing to deliver',
        );
      }
      const updated = await this.compensations.update(tx, id, {
        status: 'posted',
        fulfilmentAttempts: 0,
      });
      await this.outbox.add(tx, {
        queue: QueueName.Compensation,
        job: JobName.FulfilCompensation,
        payload: { compensationId: id },
        jobKey: `fulfil:${id}:retry:${Date.now()}`,
      });
      await this.audit.append(tx, {
        actor,
        action: 'compensation.fulfilment_retried',
        entityType: 'compensation',
        entityId: id,
        before: { status: 'failed', attempts: found.fulfilmentAttempts },
        after: { status: 'posted' },
      });
      return compensationView(updated, await this.compensations.approvals(id, tx));
    });
  }
}

/** Pending proposals past their time are closed as expired (the worker's sweep). */
@Injectable()
export class ExpireProposalsUseCase {
  constructor(
    private readonly compensations: CompensationRepository,
    private readonly audit: AuditLog,
    private readonly transactions: Transactions,
  ) {}

  async execute(now = new Date()): Promise<number> {
    let expired = 0;
    for (const id of await this.compensations.expiredPending(now, 500)) {
      expired += await this.transactions.run(async (tx) => {
        const found = await this.compensations.lockById(tx, id);
        if (!found || found.status !== 'pending' || found.expiresAt > now) return 0;
        await this.compensations.update(tx, id, { status: 'expired', closedAt: now });
        await this.audit.append(tx, {
          actor: SYSTEM,
          action: 'compensation.expired',
          entityType: 'compensation',
          entityId: id,
          before: { status: 'pending' },
          after: { status: 'expired', policyVersion: found.policyVersion },
        });
        return 1;
      });
    }
    return expired;
  }
}
