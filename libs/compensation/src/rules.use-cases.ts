import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { type Actor, AuditLog } from '@desk/audit';
import { type ComplaintEntity, ComplaintRepository } from '@desk/complaints';
import { DomainError, Transactions, type Tx } from '@desk/platform';
import { TicketRepository } from '@desk/tickets';
import { CompensationErrorCode } from './compensation.constants.js';
import type {
  CompensationView,
  RuleDto,
  RuleList,
  RulePreview,
  RuleView,
} from './compensation.dto.js';
import { CompensationRepository } from './compensation.repository.js';
import { compensationView, ruleOf, ruleView } from './compensation.views.js';
import { ProposalService } from './proposal.service.js';
import { cappedOutcome, type ComplaintFacts, ruleMatches } from './rule-matching.policy.js';

function ruleRow(dto: RuleDto) {
  return {
    name: dto.name.trim(),
    active: dto.active,
    conditions: JSON.parse(JSON.stringify(dto.conditions)) as RuleDto['conditions'],
    outcomeMemberDays: String(dto.outcome.memberDays),
    outcomeQCoins: String(dto.outcome.qCoins),
    capMemberDays: dto.capPerUser30Days ? String(dto.capPerUser30Days.memberDays) : null,
    capQCoins: dto.capPerUser30Days ? String(dto.capPerUser30Days.qCoins) : null,
  };
}

function checkOutcome(dto: RuleDto): void {
  if (dto.outcome.memberDays === 0 && dto.outcome.qCoins === 0) {
    throw DomainError.invalid(
      CompensationErrorCode.NothingToGrant,
      'outcome must grant memberDays or qCoins',
    );
  }
}

/** Supervisors write rules; every edit is a new version, and grants name the version they used. */
@Injectable()
export class CompensationRules {
  constructor(
    private readonly compensations: CompensationRepository,
    private readonly audit: AuditLog,
    private readonly transactions: Transactions,
  ) {}

  async list(): Promise<RuleList> {
    const items = (await this.compensations.currentRules()).map(ruleView);
    return { items, total: items.length };
  }

  create(actor: Extract<Actor, { kind: 'staff' }>, dto: RuleDto): Promise<RuleView> {
    checkOutcome(dto);
    return this.transactions.run(async (tx) => {
      const rule = await this.compensations.addRuleVersion(tx, {
        id: randomUUID(),
        version: 1,
        ...ruleRow(dto),
        createdBy: actor.id,
      });
      const view = ruleView(rule);
      await this.audit.append(tx, {
        actor,
        action: 'compensation_rule.created',
        entityType: 'compensation_rule',
        entityId: rule.id,
        after: view,
      });
      return view;
    });
  }

  update(actor: Extract<Actor, { kind: 'staff' }>, id: string, dto: RuleDto): Promise<RuleView> {
    checkOutcome(dto);
    return this.transactions.run(async (tx) => {
      const current = await this.compensations.lockCurrentRule(tx, id);
      if (!current)
        throw DomainError.notFound(CompensationErrorCode.RuleNotFound, 'No rule with this id');
      const rule = await this.compensations.addRuleVersion(tx, {
        id,
        version: current.version + 1,
        ...ruleRow(dto),
        createdBy: actor.id,
      });
      const view = ruleView(rule);
      await this.audit.append(tx, {
        actor,
        action: 'compensation_rule.updated',
        entityType: 'compensation_rule',
        entityId: id,
        before: ruleView(current),
        after: view,
      });
      return view;
    });
  }
}

/**
 * Matching rules against a complaint: a dry run for agents, and the real thing when a ticket is
 * resolved (or an agent asks), which proposes once per rule and complaint.
 */
@Injectable()
export class RuleProposals {
  constructor(
    private readonly complaints: ComplaintRepository,
    private readonly tickets: TicketRepository,
    private readonly compensations: CompensationRepository,
    private readonly proposals: ProposalService,
    private readonly transactions: Transactions,
  ) {}

  private async facts(tx: Tx, complaint: ComplaintEntity, now: Date): Promise<ComplaintFacts> {
    const ticket = await this.tickets.findByComplaintId(
      complaint.duplicateOfId ?? complaint.id,
      tx,
    );
    return {
      category: complaint.category,
      priority: complaint.priority,
      slaBreached: ticket?.breached ?? false,
      incidentLinked: complaint.incidentId !== null,
      grantsLast30Days: await this.compensations.grantsLast30Days(
        tx,
        complaint.platformUserId,
        now,
      ),
    };
  }

  private async complaint(id: string): Promise<ComplaintEntity> {
    const complaint = await this.complaints.findById(id);
    if (!complaint)
      throw DomainError.invalid(
        CompensationErrorCode.ComplaintNotFound,
        'complaintId names no complaint',
      );
    return complaint;
  }

  preview(complaintId: string): Promise<RulePreview> {
    return this.transactions.run(async (tx) => {
      const complaint = await this.complaint(complaintId);
      const now = new Date();
      const facts = await this.facts(tx, complaint, now);
      const rules = [];
      for (const row of await this.compensations.currentRules(tx)) {
        const rule = ruleOf(row);
        const matches = ruleMatches(rule, facts);
        const proposal = matches
          ? cappedOutcome(
              rule,
              await this.compensations.grantedByRule30Days(
                tx,
                complaint.platformUserId,
                rule.id,
                now,
              ),
            )
          : null;
        rules.push({ ruleId: rule.id, version: rule.version, name: rule.name, matches, proposal });
      }
      return { complaintId, facts: { ...facts }, rules };
    });
  }

  /** Proposes what every matching rule gives (capped), once per rule and complaint. */
  async apply(actor: Actor, complaintId: string): Promise<CompensationView[]> {
    const complaint = await this.complaint(complaintId);
    return this.transactions.run(async (tx) => {
      // One evaluation per user at a time, so two complaints cannot both use the last of a cap.
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
        `desk:rules:${complaint.platformUserId}`,
      ]);
      const now = new Date();
      const facts = await this.facts(tx, complaint, now);
      const created: CompensationView[] = [];
      for (const row of await this.compensations.currentRules(tx)) {
        const rule = ruleOf(row);
        if (!ruleMatches(rule, facts)) continue;
        const amounts = cappedOutcome(
          rule,
          await this.compensations.grantedByRule30Days(tx, complaint.platformUserId, rule.id, now),
        );
        if (!amounts) continue;
        const proposal = await this.proposals.propose(tx, actor, {
          complaintId: complaint.id,
          platformUserId: complaint.platformUserId,
          category: complaint.category,
          ...amounts,
          reason: `Rule "${rule.name}" (v${rule.version})`,
          source: 'rule',
          ruleId: rule.id,
          ruleVersion: rule.version,
          incidentId: complaint.incidentId ?? undefined,
          dedupeKey: `rule:${rule.id}:${complaint.id}`,
        });
        if (proposal) created.push(compensationView(proposal, []));
      }
      return created;
    });
  }
}
