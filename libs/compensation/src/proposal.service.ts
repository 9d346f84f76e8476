import { Injectable } from '@nestjs/common';
import { type Actor, AuditLog } from '@desk/audit';
import { AppConfig, type Tx } from '@desk/platform';
import { requiredTier } from './approval.policy.js';
import type { CompensationSource } from './compensation.constants.js';
import type { CompensationEntity } from './compensation.entity.js';
import { CompensationRepository } from './compensation.repository.js';
import { GrantService } from './grant.service.js';

export interface Proposal {
  complaintId: string;
  platformUserId: string;
  category: string | null;
  memberDays: number;
  qCoins: number;
  reason: string;
  source: CompensationSource;
  ruleId?: string;
  ruleVersion?: number;
  incidentId?: string;
  dedupeKey?: string;
}

/**
 * Records a proposal, judged by the approval policy in force: what the policy approves by itself is
 * granted in the same transaction; anything else waits, `pending`, until it expires.
 */
@Injectable()
export class ProposalService {
  constructor(
    private readonly compensations: CompensationRepository,
    private readonly grants: GrantService,
    private readonly audit: AuditLog,
    private readonly config: AppConfig,
  ) {}

  /** Null when the dedupe key says this was proposed already. */
  async propose(tx: Tx, actor: Actor, p: Proposal): Promise<CompensationEntity | null> {
    const { version, policy } = await this.compensations.currentPolicy(tx);
    const tier = requiredTier(policy, p);
    const now = new Date();
    const created = await this.compensations.insert(tx, {
      complaintId: p.complaintId,
      platformUserId: p.platformUserId,
      category: p.category,
      memberDays: String(p.memberDays),
      qCoins: String(p.qCoins),
      reason: p.reason,
      source: p.source,
      ruleId: p.ruleId ?? null,
      ruleVersion: p.ruleVersion ?? null,
      incidentId: p.incidentId ?? null,
      status: 'pending',
      requiredTier: tier,
      policyVersion: version,
      proposedBy: actor.kind === 'staff' ? actor.id : null,
      expiresAt: new Date(now.getTime() + this.config.COMPENSATION_PROPOSAL_TTL_HOURS * 3600_000),
      dedupeKey: p.dedupeKey ?? null,
    });
    if (!created) return null;
    await this.audit.append(tx, {
      actor,
      action: 'compensation.proposed',
      entityType: 'compensation',
      entityId: created.id,
      after: {
        complaintId: p.complaintId,
        memberDays: p.memberDays,
        qCoins: p.qCoins,
        source: p.source,
        ruleId: p.ruleId ?? null,
        ruleVersion: p.ruleVersion ?? null,
        requiredTier: tier,
        policyVersion: version,
      },
    });
    if (tier !== 'auto') return created;
    await this.audit.append(tx, {
      actor,
      action: 'compensation.approved',
      entityType: 'compensation',
      entityId: created.id,
      after: { by: 'policy', policyVersion: version },
    });
    return this.grants.grant(tx, created, actor, version);
  }
}
