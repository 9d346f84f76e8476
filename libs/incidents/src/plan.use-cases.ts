import { Injectable } from '@nestjs/common';
import { type Actor, AuditLog } from '@desk/audit';
import { expenseShard, LedgerService, type Unit } from '@desk/ledger';
import { DomainError, type Principal, Transactions } from '@desk/platform';
import { incidentNotFound } from './incident-actions.use-cases.js';
import { IncidentRepository } from './incident.repository.js';
import type { PlanDto, PlanView } from './incidents.dto.js';
import { IncidentErrorCode } from './incidents.constants.js';
import { planView } from './incident.views.js';
import { budgetUnits, PlanRunner } from './plan-runner.service.js';

const planNotFound = () =>
  DomainError.notFound(IncidentErrorCode.PlanNotFound, 'This incident has no compensation plan');

/** The bulk compensation of an incident: proposed by a supervisor, approved by finance, run by the worker. */
@Injectable()
export class IncidentPlans {
  constructor(
    private readonly incidents: IncidentRepository,
    private readonly ledger: LedgerService,
    private readonly runner: PlanRunner,
    private readonly audit: AuditLog,
    private readonly transactions: Transactions,
  ) {}

  async status(incidentId: string): Promise<PlanView> {
    const plan = await this.incidents.planOf(incidentId);
    if (!plan) throw planNotFound();
    return planView(plan, await this.incidents.planProgress(plan.id, incidentId));
  }

  propose(
    actor: Extract<Actor, { kind: 'staff' }>,
    incidentId: string,
    dto: PlanDto,
  ): Promise<PlanView> {
    if (dto.memberDays === 0 && dto.qCoins === 0) {
      throw DomainError.invalid(
        IncidentErrorCode.NothingToGrant,
        'Give memberDays or qCoins (or both) above zero',
      );
    }
    if (
      (dto.budgetMemberDays !== undefined && dto.memberDays === 0) ||
      (dto.budgetQCoins !== undefined && dto.qCoins === 0)
    ) {
      throw DomainError.invalid(
        IncidentErrorCode.NothingToGrant,
        'A budget only goes with a unit that is granted',
      );
    }
    return this.transactions.run(async (tx) => {
      const incident = await this.incidents.lockById(tx, incidentId);
      if (!incident) throw incidentNotFound();
      if (incident.status === 'dismissed') {
        throw DomainError.conflict(IncidentErrorCode.Closed, 'A dismissed incident gets no plan');
      }
      const plan = await this.incidents.insertPlan(tx, {
        incidentId,
        memberDays: String(dto.memberDays),
        qCoins: String(dto.qCoins),
        budgetMemberDays: dto.budgetMemberDays === undefined ? null : String(dto.budgetMemberDays),
        budgetQCoins: dto.budgetQCoins === undefined ? null : String(dto.budgetQCoins),
        status: 'proposed',
        proposedBy: actor.id,
      });
      if (!plan)
        throw DomainError.conflict(
          IncidentErrorCode.PlanExists,
          'This incident has a plan already',
        );
      await this.audit.append(tx, {
        actor,
        action: 'incident.plan_proposed',
        entityType: 'incident_plan',
        entityId: plan.id,
        after: { incidentId, ...dto },
      });
      return planView(plan, await this.incidents.planProgress(plan.id, incidentId, tx));
    });
  }

  /**
   * Finance approves (never the proposer): the capped units' budgets are funded from the company
   * expense accounts, and the first chunk is asked for, all in this transaction.
   */
  approve(me: Principal, incidentId: string): Promise<PlanView> {
    const actor: Actor = { kind: 'staff', id: me.id };
    return this.transactions.run(async (tx) => {
      const found = await this.incidents.planOf(incidentId, tx);
      if (!found) throw planNotFound();
      const plan = (await this.incidents.lockPlan(tx, found.id))!;
      if (plan.proposedBy === me.id) {
        throw DomainError.forbidden(
          IncidentErrorCode.SelfApproval,
          'Nobody approves the plan they proposed',
        );
      }
      if (plan.status !== 'proposed') {
        throw DomainError.conflict(
          IncidentErrorCode.PlanNotProposed,
          `The plan is ${plan.status} already`,
        );
      }
      const budgets: [Unit, string | null][] = [
        ['member_days', plan.budgetMemberDays],
        ['q_coins', plan.budgetQCoins],
      ];
      for (const [unit, amount] of budgets) {
        if (amount === null) continue;
        const key = `incident-budget:${plan.id}:${unit}`;
        await this.ledger.post(
          tx,
          {
            idempotencyKey: key,
            kind: 'budget_funding',
            legs: [
              { account: { kind: 'budget', incidentId }, unit, amount: BigInt(amount) },
              {
                account: { kind: 'expense', shard: expenseShard(key) },
                unit,
                amount: -BigInt(amount),
              },
            ],
            reference: { incidentId },
          },
          actor,
        );
      }
      const updated = await this.incidents.updatePlan(tx, plan.id, {
        status: 'running',
        approvedBy: me.id,
        approvedAt: new Date(),
      });
      await this.audit.append(tx, {
        actor,
        action: 'incident.plan_approved',
        entityType: 'incident_plan',
        entityId: plan.id,
        after: { incidentId, budgetUnits: budgetUnits(plan) },
      });
      await this.runner.kick(tx, plan, 'approved');
      return planView(updated, await this.incidents.planProgress(plan.id, incidentId, tx));
    });
  }
}
