import { Injectable } from '@nestjs/common';
import { type Actor, AuditLog } from '@desk/audit';
import { DomainError, type Principal, Transactions } from '@desk/platform';
import { approvalRefusal, isSatisfied } from './approval.policy.js';
import { CompensationErrorCode } from './compensation.constants.js';
import type { CompensationView } from './compensation.dto.js';
import type { CompensationEntity } from './compensation.entity.js';
import { CompensationRepository } from './compensation.repository.js';
import { compensationView } from './compensation.views.js';
import { GrantService } from './grant.service.js';

const REFUSALS = {
  self_approval: () =>
    DomainError.forbidden(CompensationErrorCode.SelfApproval, 'Nobody approves what they proposed'),
  already_approved: () =>
    DomainError.conflict(CompensationErrorCode.AlreadyApproved, 'You have approved this already'),
  not_an_approver: () =>
    DomainError.forbidden(
      CompensationErrorCode.NotAnApprover,
      'Approving needs the supervisor or finance role',
    ),
  role_not_needed: () =>
    DomainError.conflict(
      CompensationErrorCode.ApprovalRoleNotNeeded,
      'This proposal needs its other approval from someone with the other role (supervisor and finance)',
    ),
};

export function notFound(): DomainError {
  return DomainError.notFound(
    CompensationErrorCode.CompensationNotFound,
    'No compensation with this id',
  );
}

/** Throws unless the proposal is still pending (and not past its expiry). */
export function assertPending(c: CompensationEntity, now: Date): void {
  if (c.status !== 'pending') {
    throw DomainError.conflict(
      CompensationErrorCode.NotPending,
      `The compensation is ${c.status}, not pending`,
    );
  }
  if (c.expiresAt <= now) {
    throw DomainError.conflict(CompensationErrorCode.Expired, 'The proposal has expired');
  }
}

/**
 * An approver says yes. The proposal row is locked, so of many approvals at once each sees the
 * state the previous one left: exactly one of them completes it, the rest get 409. The approval
 * that completes the tier posts the grant in the same transaction. Every step is audited with the
 * policy version the proposal was judged by.
 */
@Injectable()
export class ApproveCompensationUseCase {
  constructor(
    private readonly compensations: CompensationRepository,
    private readonly grants: GrantService,
    private readonly audit: AuditLog,
    private readonly transactions: Transactions,
  ) {}

  async execute(me: Principal, id: string, note?: string): Promise<CompensationView> {
    const actor: Actor = { kind: 'staff', id: me.id };
    return this.transactions.run(async (tx) => {
      const found = await this.compensations.lockById(tx, id);
      if (!found) throw notFound();
      assertPending(found, new Date());
      const approvals = await this.compensations.approvals(id, tx);
      const given = approvals.map((a) => ({ approverId: a.approverId, roles: a.roles }));
      const me_ = { approverId: me.id, roles: me.roles };
      const refusal = approvalRefusal(found.requiredTier, found.proposedBy, given, me_);
      if (refusal) throw REFUSALS[refusal]();
      await this.compensations.addApproval(tx, {
        compensationId: id,
        approverId: me.id,
        roles: me.roles,
        note: note ?? null,
        policyVersion: found.policyVersion,
      });
      const complete = isSatisfied(found.requiredTier, [...given, me_]);
      await this.audit.append(tx, {
        actor,
        action: 'compensation.approved',
        entityType: 'compensation',
        entityId: id,
        after: {
          roles: me.roles,
          note: note ?? null,
          tier: found.requiredTier,
          complete,
          policyVersion: found.policyVersion,
        },
      });
      const result = complete
        ? await this.grants.grant(
            tx,
            await this.compensations.update(tx, id, { status: 'approved' }),
            actor,
            found.policyVersion,
          )
        : found;
      return compensationView(result, await this.compensations.approvals(id, tx));
    });
  }
}
