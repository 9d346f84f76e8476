import type { CompensationApprovalEntity } from './compensation-approval.entity.js';
import type { CompensationRuleEntity } from './compensation-rule.entity.js';
import type { CompensationEntity } from './compensation.entity.js';
import type { CompensationView, RuleView } from './compensation.dto.js';
import type { CompensationRule } from './rule-matching.policy.js';

export function compensationView(
  c: CompensationEntity,
  approvals: CompensationApprovalEntity[],
): CompensationView {
  return {
    id: c.id,
    complaintId: c.complaintId,
    platformUserId: c.platformUserId,
    category: c.category,
    memberDays: Number(c.memberDays),
    qCoins: Number(c.qCoins),
    reason: c.reason,
    status: c.status,
    source: c.source,
    ruleId: c.ruleId,
    ruleVersion: c.ruleVersion,
    incidentId: c.incidentId,
    requiredTier: c.requiredTier,
    policyVersion: c.policyVersion,
    proposedBy: c.proposedBy,
    expiresAt: c.expiresAt.toISOString(),
    transferId: c.transferId === null ? null : Number(c.transferId),
    postedAt: c.postedAt?.toISOString() ?? null,
    fulfilledAt: c.fulfilledAt?.toISOString() ?? null,
    rejectReason: c.rejectReason,
    fulfilmentAttempts: c.fulfilmentAttempts,
    lastError: c.lastError,
    createdAt: c.createdAt.toISOString(),
    approvals: approvals.map((a) => ({
      approverId: a.approverId,
      roles: a.roles,
      note: a.note,
      policyVersion: a.policyVersion,
      at: a.createdAt.toISOString(),
    })),
  };
}

export function ruleOf(r: CompensationRuleEntity): CompensationRule {
  return {
    id: r.id,
    version: r.version,
    name: r.name,
    active: r.active,
    conditions: r.conditions,
    outcome: { memberDays: Number(r.outcomeMemberDays), qCoins: Number(r.outcomeQCoins) },
    capPerUser30Days:
      r.capMemberDays === null || r.capQCoins === null
        ? null
        : { memberDays: Number(r.capMemberDays), qCoins: Number(r.capQCoins) },
  };
}

export function ruleView(r: CompensationRuleEntity): RuleView {
  const rule = ruleOf(r);
  return {
    id: rule.id,
    version: rule.version,
    name: rule.name,
    active: rule.active,
    conditions: rule.conditions,
    outcome: rule.outcome,
    capPerUser30Days: rule.capPerUser30Days,
    updatedAt: r.createdAt.toISOString(),
  };
}
