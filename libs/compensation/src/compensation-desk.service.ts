import { Injectable } from '@nestjs/common';
import { type Actor, AuditLog } from '@desk/audit';
import { DomainError, type Page, Transactions } from '@desk/platform';
import { notFound } from './approve-compensation.use-case.js';
import { CompensationErrorCode } from './compensation.constants.js';
import type {
  ApprovalPolicyDto,
  ApprovalPolicyView,
  CompensationView,
  ListCompensationsQuery,
} from './compensation.dto.js';
import { CompensationRepository } from './compensation.repository.js';
import { compensationView } from './compensation.views.js';

/** Read side of compensation, and the approval policy (read and versioned write). */
@Injectable()
export class CompensationDesk {
  constructor(
    private readonly compensations: CompensationRepository,
    private readonly audit: AuditLog,
    private readonly transactions: Transactions,
  ) {}

  async list(query: ListCompensationsQuery): Promise<Page<CompensationView>> {
    const { items, total } = await this.compensations.list(query);
    return {
      items: items.map((c) => compensationView(c, [])),
      total,
      page: query.page,
      limit: query.limit,
    };
  }

  async get(id: string): Promise<CompensationView> {
    const found = await this.compensations.findById(id);
    if (!found) throw notFound();
    return compensationView(found, await this.compensations.approvals(id));
  }

  async policy(): Promise<ApprovalPolicyView> {
    const { version, policy, createdAt } = await this.compensations.currentPolicy();
    return { ...policy, version, updatedAt: createdAt.toISOString() };
  }

  /** A new version of the policy; proposals made afterwards are judged by it. */
  updatePolicy(
    actor: Extract<Actor, { kind: 'staff' }>,
    dto: ApprovalPolicyDto,
  ): Promise<ApprovalPolicyView> {
    for (const unit of ['member_days', 'q_coins'] as const) {
      if (dto[unit].singleApprovalUpTo < dto[unit].autoApproveUpTo) {
        throw DomainError.invalid(
          CompensationErrorCode.InvalidPolicy,
          `${unit}.singleApprovalUpTo must not be below ${unit}.autoApproveUpTo`,
        );
      }
    }
    const policy = {
      member_days: { ...dto.member_days },
      q_coins: { ...dto.q_coins },
    };
    return this.transactions.run(async (tx) => {
      const before = await this.compensations.currentPolicy(tx);
      const row = await this.compensations.addPolicyVersion(tx, policy, actor.id);
      await this.audit.append(tx, {
        actor,
        action: 'approval_policy.updated',
        entityType: 'approval_policy',
        entityId: String(row.version),
        before: { version: before.version, ...before.policy },
        after: { version: row.version, ...policy },
      });
      return { ...policy, version: row.version, updatedAt: row.createdAt.toISOString() };
    });
  }
}
