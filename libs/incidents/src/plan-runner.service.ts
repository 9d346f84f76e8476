import { Injectable } from '@nestjs/common';
import { AuditLog, SYSTEM } from '@desk/audit';
import { grantLegs, LedgerService, type TransferRequest, type Unit } from '@desk/ledger';
import { AppConfig, JobName, Outbox, QueueName, Transactions, type Tx } from '@desk/platform';
import type { IncidentPlanEntity } from './incident-plan.entity.js';
import { IncidentRepository } from './incident.repository.js';

/** The units a plan pays from its incident budget (those with a cap). */
export function budgetUnits(plan: IncidentPlanEntity): Unit[] {
  return [
    ...(plan.budgetMemberDays !== null ? (['member_days'] as const) : []),
    ...(plan.budgetQCoins !== null ? (['q_coins'] as const) : []),
  ];
}

/**
 * Executes approved plans chunk by chunk. Affected users are split into lanes (by a hash of their
 * id) that run side by side, each on its own company expense shard, so two lanes share no account
 * (except a capped budget, which they then take turns on). Each chunk is one transaction: the
 * lane's next users without a grant, their ledger transfers (idempotent per plan and user), their
 * grant rows, one audit record and the outbox row asking for the lane's next chunk — a worker
 * killed mid-run loses at most an uncommitted chunk, and whoever runs next continues where the
 * last commit ended, with exactly one grant per user.
 */
@Injectable()
export class PlanRunner {
  constructor(
    private readonly incidents: IncidentRepository,
    private readonly ledger: LedgerService,
    private readonly outbox: Outbox,
    private readonly audit: AuditLog,
    private readonly transactions: Transactions,
    private readonly config: AppConfig,
  ) {}

  private get lanes(): number {
    return this.config.INCIDENT_PLAN_LANES;
  }

  /** Asks for the next chunk of one lane, or of every lane; at most one per lane, reason and second. */
  async kick(
    tx: Tx,
    plan: Pick<IncidentPlanEntity, 'id'>,
    reason: string,
    lane?: number,
  ): Promise<void> {
    const lanes = lane === undefined ? Array.from({ length: this.lanes }, (_, i) => i) : [lane];
    await this.outbox.add(
      tx,
      ...lanes.map((l) => ({
        queue: QueueName.Incidents,
        job: JobName.RunIncidentPlan,
        payload: { planId: plan.id, lane: l },
        jobKey: `plan:${plan.id}:${l}:${reason}:${Math.floor(Date.now() / 1000)}`,
      })),
    );
  }

  /** A user joined an incident whose plan is approved: the plan runs again for them. */
  async joined(tx: Tx, incidentId: string): Promise<void> {
    const plan = await this.incidents.planOf(incidentId, tx);
    if (!plan || plan.status === 'proposed') return;
    if (plan.status === 'completed')
      await this.incidents.updatePlan(tx, plan.id, { status: 'running', completedAt: null });
    await this.kick(tx, plan, 'joined');
  }

  /** Grants one chunk of a lane; returns how many users it dealt with (0: the lane has no one left). */
  runChunk(planId: string, lane = 0): Promise<number> {
    const lanes = this.lanes;
    return this.transactions.run(async (tx) => {
      await this.incidents.lockPlanLane(tx, planId, lane);
      const plan = await this.incidents.findPlan(tx, planId);
      if (!plan || plan.status !== 'running') return 0;
      const users = await this.incidents.usersWithoutGrant(
        tx,
        plan.id,
        plan.incidentId,
        this.config.INCIDENT_PLAN_CHUNK,
        {
          lane: lane % lanes,
          lanes,
        },
      );
      if (users.length === 0) {
        await this.completeIfDone(tx, plan);
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
            expenseShard: lane,
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
      await this.incidents.touchPlan(tx, plan.id);
      await this.kick(tx, plan, `after-${users[users.length - 1]}`, lane);
      // One record per chunk, last (the audit chain head is held to commit): the grants themselves
      // are in the append-only ledger, one transfer each.
      await this.audit.append(tx, {
        actor: SYSTEM,
        action: 'incident.plan_chunk',
        entityType: 'incident_plan',
        entityId: plan.id,
        after: {
          incidentId: plan.incidentId,
          lane,
          granted,
          failed: users.length - granted,
          firstUser: users[0],
          lastUser: users[users.length - 1],
        },
      });
      return users.length;
    });
  }

  /** The last lane to run dry marks the plan completed (once, whichever lane gets there). */
  private async completeIfDone(tx: Tx, plan: IncidentPlanEntity): Promise<void> {
    const left = await this.incidents.usersWithoutGrant(tx, plan.id, plan.incidentId, 1);
    if (left.length > 0) return;
    if (!(await this.incidents.markPlanCompleted(tx, plan.id))) return;
    const progress = await this.incidents.planProgress(plan.id, plan.incidentId, tx);
    await this.audit.append(tx, {
      actor: SYSTEM,
      action: 'incident.plan_completed',
      entityType: 'incident_plan',
      entityId: plan.id,
      after: { incidentId: plan.incidentId, ...progress },
    });
  }
}
