import { Injectable } from '@nestjs/common';
import { insertMissing, type Tx } from '@desk/platform';
import { DataSource, type Repository } from 'typeorm';
import { ApprovalPolicyEntity } from './approval-policy.entity.js';
import type { ApprovalPolicy } from './approval.policy.js';
import { CompensationApprovalEntity } from './compensation-approval.entity.js';
import { CompensationRuleEntity } from './compensation-rule.entity.js';
import type { CompensationStatus } from './compensation.constants.js';
import { CompensationEntity } from './compensation.entity.js';
import { FulfilmentDeadLetterEntity } from './fulfilment-dead-letter.entity.js';
import type { Amounts } from './rule-matching.policy.js';

export type NewCompensation = Omit<
  CompensationEntity,
  | 'id'
  | 'transferId'
  | 'postedAt'
  | 'fulfilledAt'
  | 'closedAt'
  | 'rejectedBy'
  | 'rejectReason'
  | 'fulfilmentAttempts'
  | 'lastError'
  | 'createdAt'
  | 'updatedAt'
>;

/** Statuses that count as given (or about to be) when caps and recent grants are reckoned. */
const GIVEN: CompensationStatus[] = ['pending', 'approved', 'posted', 'fulfilled'];

/** The only place that knows how proposals, approvals, rules and policies are stored. */
@Injectable()
export class CompensationRepository {
  constructor(private readonly dataSource: DataSource) {}

  private manager(tx?: Tx) {
    return tx ?? this.dataSource.manager;
  }

  /** Inserts a proposal; null when its dedupe key was used already (a rule proposed it before). */
  async insert(tx: Tx, proposal: NewCompensation): Promise<CompensationEntity | null> {
    const [id] = await insertMissing(tx, CompensationEntity, [proposal], 'id');
    return id ? tx.getRepository(CompensationEntity).findOneByOrFail({ id }) : null;
  }

  findById(id: string, tx?: Tx): Promise<CompensationEntity | null> {
    return this.manager(tx).getRepository(CompensationEntity).findOneBy({ id });
  }

  lockById(tx: Tx, id: string): Promise<CompensationEntity | null> {
    return tx
      .getRepository(CompensationEntity)
      .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async update(
    tx: Tx,
    id: string,
    changes: Partial<CompensationEntity>,
  ): Promise<CompensationEntity> {
    await tx
      .getRepository(CompensationEntity)
      .update({ id }, changes as Parameters<Repository<CompensationEntity>['update']>[1]);
    return tx.getRepository(CompensationEntity).findOneByOrFail({ id });
  }

  async list(filter: {
    status?: CompensationStatus;
    complaintId?: string;
    page: number;
    limit: number;
  }): Promise<{ items: CompensationEntity[]; total: number }> {
    const qb = this.dataSource.getRepository(CompensationEntity).createQueryBuilder('c');
    if (filter.status) qb.andWhere('c.status = :status', { status: filter.status });
    if (filter.complaintId)
      qb.andWhere('c.complaint_id = :complaintId', { complaintId: filter.complaintId });
    const [items, total] = await qb
      .orderBy('c.created_at', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .skip((filter.page - 1) * filter.limit)
      .take(filter.limit)
      .getManyAndCount();
    return { items, total };
  }

  ofComplaint(complaintId: string): Promise<CompensationEntity[]> {
    return this.dataSource
      .getRepository(CompensationEntity)
      .find({ where: { complaintId }, order: { createdAt: 'ASC' } });
  }

  approvals(compensationId: string, tx?: Tx): Promise<CompensationApprovalEntity[]> {
    return this.manager(tx)
      .getRepository(CompensationApprovalEntity)
      .find({ where: { compensationId }, order: { id: 'ASC' } });
  }

  async addApproval(
    tx: Tx,
    approval: Pick<
      CompensationApprovalEntity,
      'compensationId' | 'approverId' | 'roles' | 'note' | 'policyVersion'
    >,
  ): Promise<void> {
    await tx.getRepository(CompensationApprovalEntity).insert(approval);
  }

  /** The user's proposals and grants in the last 30 days (any source), for rule conditions. */
  async grantsLast30Days(tx: Tx, platformUserId: string, now: Date): Promise<number> {
    const [row] = (await tx.query(
      `SELECT count(*)::int AS n FROM compensations
        WHERE platform_user_id = $1 AND status = ANY($2) AND created_at > $3::timestamptz - interval '30 days'`,
      [platformUserId, GIVEN, now],
    )) as { n: number }[];
    return row.n;
  }

  /** What one rule gave the user in the last 30 days (its cap's usage). */
  async grantedByRule30Days(
    tx: Tx,
    platformUserId: string,
    ruleId: string,
    now: Date,
  ): Promise<Amounts> {
    const [row] = (await tx.query(
      `SELECT coalesce(sum(member_days), 0)::text AS days, coalesce(sum(q_coins), 0)::text AS coins
         FROM compensations
        WHERE platform_user_id = $1 AND rule_id = $2 AND status = ANY($3)
          AND created_at > $4::timestamptz - interval '30 days'`,
      [platformUserId, ruleId, GIVEN, now],
    )) as { days: string; coins: string }[];
    return { memberDays: Number(row.days), qCoins: Number(row.coins) };
  }

  /** Grants waiting for delivery, unchanged since before an instant. */
  async postedSince(before: Date): Promise<{ id: string; attempts: number; updatedAt: Date }[]> {
    const rows = (await this.dataSource.query(
      `SELECT id, fulfilment_attempts AS attempts, updated_at FROM compensations
        WHERE status = 'posted' AND updated_at < $1 ORDER BY updated_at LIMIT 500`,
      [before],
    )) as { id: string; attempts: number; updated_at: Date }[];
    return rows.map((r) => ({ id: r.id, attempts: r.attempts, updatedAt: r.updated_at }));
  }

  async expiredPending(now: Date, limit: number): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT id FROM compensations WHERE status = 'pending' AND expires_at <= $1 ORDER BY expires_at LIMIT $2`,
      [now, limit],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }

  async deadLetter(
    tx: Tx,
    letter: Pick<FulfilmentDeadLetterEntity, 'compensationId' | 'attempts' | 'error'>,
  ) {
    await tx.getRepository(FulfilmentDeadLetterEntity).insert(letter);
  }

  // Rules: one row per version.

  currentRules(tx?: Tx): Promise<CompensationRuleEntity[]> {
    return this.manager(tx)
      .getRepository(CompensationRuleEntity)
      .find({ where: { isCurrent: true }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  currentRule(id: string, tx?: Tx): Promise<CompensationRuleEntity | null> {
    return this.manager(tx)
      .getRepository(CompensationRuleEntity)
      .findOneBy({ id, isCurrent: true });
  }

  lockCurrentRule(tx: Tx, id: string): Promise<CompensationRuleEntity | null> {
    return tx
      .getRepository(CompensationRuleEntity)
      .findOne({ where: { id, isCurrent: true }, lock: { mode: 'pessimistic_write' } });
  }

  /** Adds a version and makes it current (the previous one stays as history). */
  async addRuleVersion(tx: Tx, rule: Omit<CompensationRuleEntity, 'createdAt' | 'isCurrent'>) {
    await tx.query(
      'UPDATE compensation_rules SET is_current = false WHERE id = $1 AND is_current',
      [rule.id],
    );
    await tx.getRepository(CompensationRuleEntity).insert({ ...rule, isCurrent: true });
    return tx
      .getRepository(CompensationRuleEntity)
      .findOneByOrFail({ id: rule.id, version: rule.version });
  }

  // Approval policy: one row per version, the highest in force.

  async currentPolicy(
    tx?: Tx,
  ): Promise<{ version: number; policy: ApprovalPolicy; createdAt: Date }> {
    const [row] = await this.manager(tx)
      .getRepository(ApprovalPolicyEntity)
      .find({ order: { version: 'DESC' }, take: 1 });
    return row;
  }

  async addPolicyVersion(tx: Tx, policy: ApprovalPolicy, createdBy: string | null) {
    await tx.query("SELECT pg_advisory_xact_lock(hashtext('desk:approval-policy'))");
    const current = await this.currentPolicy(tx);
    const version = current.version + 1;
    await tx.getRepository(ApprovalPolicyEntity).insert({ version, policy, createdBy });
    return tx.getRepository(ApprovalPolicyEntity).findOneByOrFail({ version });
  }
}
