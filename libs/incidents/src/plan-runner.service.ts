import { Injectable } from '@nestjs/common';
import { AuditLog, SYSTEM } from '@desk/audit';
import { grantLegs, LedgerService, type TransferRequest, type Unit } from '@desk/ledger';
import { JobName, Outbox, QueueName, Transactions, type Tx } from '@desk/platform';
import type { IncidentPlanEntity } from './incident-plan.entity.js';
import { IncidentRepository } from './incident.repository.js';

/** Users granted per transaction: large enough to amortise the round trips, small enough to commit fast. */
export const PLAN_CHUNK = 2000;

/** The units a plan pays from its incident budget (those with a cap). */
export function budgetUnits(plan: IncidentPlanEntity): Unit[] {
  return [
    ...(plan.budgetMemberDays !== null ? (['member_days'] as const) : []),
    ...(plan.budgetQCoins !== null ? (['q_coins'] as const) : []),
  ];
}

/**
 * Executes approved plans chunk by chunk. Each chunk is one transaction: the next users without a
 * grant (in user id order), their ledger transfers (idempotent per plan and user), their grant rows,
 * one audit record, and the outbox row that asks for the next chunk — so a worker killed mid-run
 * loses at most an uncommitted chunk, and whoever runs next continues where the last commit ended,
 * with exactly one grant per user.
 */
@Injectable()
export class PlanRunner {
  constructor(
    private readonly incidents: IncidentRepository,
    private readonly ledger: LedgerService,
    private readonly outbox: Outbox,
    private readonly audit: AuditLog,
    private readonly transactions: Transactions,
  ) {}

  /** Asks for a chunk (a new user joined, the plan was approved, a run stalled); at most one per second. */
  async kick(tx: Tx, plan: Pick<IncidentPlanEntity, 'id'>, reason: string): Promise<void> {
    await this.outbox.add(tx, {
      queue: QueueName.Incidents,
      job: JobName.RunIncidentPlan,
      payload: { planId: plan.id },
      jobKey: `plan:${plan.id}:${reason}:${Math.floor(Date.now() / 1000)}`,
    });
  }

  /** A user joined an incident whose plan is approved: the plan runs again for them. */
  async joined(tx: Tx, incidentId: string): Promise<void> {
    const plan = await this.incidents.planOf(incidentId, tx);
    if (!plan || plan.status === 'proposed') return;
    if (plan.status === 'completed')
      await this.incidents.updatePlan(tx, plan.id, { status: 'running', completedAt: null });
    await this.kick(tx, plan, 'joined');
  }

  /** Grants one chunk; returns how many users it dealt with (0: the plan is complete). */
  runChunk(planId: string): Promise<number> {
    return this.transactions.run(async (tx) => {
      const plan = await this.incidents.lockPlan(tx, planId);
      if (!plan || plan.status !== 'running') return 0;
      const users = await this.incidents.usersWithoutGrant(
        tx,
        plan.id,
        plan.incidentId,
        PLAN_CHUNK,
      );
      if (users.length === 0) {
        const progress = await this.incidents.planProgress(plan.id, plan.incidentId, tx);
        await this.incidents.updatePlan(tx, plan.id, {
          status: 'completed',
          completedAt: new Date(),
        });
        await this.audit.append(tx, {
          actor: SYSTEM,
          action: 'incident.plan_completed',
          entityType: 'incident_plan',
          entityId: plan.id,
          after: { incidentId: plan.incidentId, ...progress },
        });
        return 0;
      }
      const units = budgetUnits(plan);
      const requests: TransferRequest[] = users.map((user) => {
        const key = `incident-plan:${plan.id}:${user}`;
        return {
          idempotencyKey: key,
          kind: 'grant',
          legs: grantLegs({
            platformUserId: user,
            memberDays: BigInt(plan.memberDays),
            qCoins: BigInt(plan.qCoins),
            shardKey: key,
            ...(units.length ? { budgetIncidentId: plan.incidentId, budgetUnits: units } : {}),
          }),
          reference: { incidentId: plan.incidentId, platformUserId: user },
        };
      });
      const outcomes = await this.ledger.postMany(tx, requests, SYSTEM, { audit: 'none' });
      await this.incidents.insertGrants(
        tx,
        outcomes.map((o, i) => ({
          planId: plan.id,
          platformUserId: users[i],
          status: o.ok ? 'granted' : 'failed',
          transferId: o.ok ? o.posted.transfer.id : null,
          error: o.ok ? null : o.error.code,
        })),
      );
      const granted = outcomes.filter((o) => o.ok).length;
      // One record per chunk: the grants themselves are in the append-only ledger, one transfer each.
      await this.audit.append(tx, {
        actor: SYSTEM,
        action: 'incident.plan_chunk',
        entityType: 'incident_plan',
        entityId: plan.id,
        after: {
          incidentId: plan.incidentId,
          granted,
          failed: users.length - granted,
          firstUser: users[0],
          lastUser: users[users.length - 1],
        },
      });
      await this.incidents.touchPlan(tx, plan.id);
      await this.kick(tx, plan, `after-${users[users.length - 1]}`);
      return users.length;
    });
  }
}
