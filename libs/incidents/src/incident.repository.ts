import { Injectable } from '@nestjs/common';
import { insertMissing, returnedRows, type Tx } from '@desk/platform';
import { DataSource, type Repository } from 'typeorm';
import { IncidentPlanEntity, IncidentPlanGrantEntity } from './incident-plan.entity.js';
import { IncidentReviewEntity } from './incident-review.entity.js';
import { IncidentStatementEntity } from './incident-statement.entity.js';
import { IncidentEntity } from './incident.entity.js';
import {
  type IncidentStatus,
  OPEN_INCIDENT_STATUSES,
  PUBLIC_STATEMENT_KINDS,
} from './incidents.constants.js';

/** The only place that knows how incidents, statements, plans and reviews are stored. */
@Injectable()
export class IncidentRepository {
  constructor(private readonly dataSource: DataSource) {}

  private manager(tx?: Tx) {
    return tx ?? this.dataSource.manager;
  }

  /** Inserts unless an incident of the category is open (the unique index); null then. */
  async insertIfNoneOpen(
    tx: Tx,
    incident: Pick<
      IncidentEntity,
      'title' | 'category' | 'status' | 'severity' | 'source' | 'terms' | 'detection' | 'createdBy'
    >,
  ): Promise<IncidentEntity | null> {
    const [id] = await insertMissing(tx, IncidentEntity, [incident as never], 'id');
    return id ? tx.getRepository(IncidentEntity).findOneByOrFail({ id }) : null;
  }

  findById(id: string, tx?: Tx): Promise<IncidentEntity | null> {
    return this.manager(tx).getRepository(IncidentEntity).findOneBy({ id });
  }

  lockById(tx: Tx, id: string): Promise<IncidentEntity | null> {
    return tx
      .getRepository(IncidentEntity)
      .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  openInCategory(tx: Tx, category: string): Promise<IncidentEntity | null> {
    return tx
      .getRepository(IncidentEntity)
      .createQueryBuilder('i')
      .where('i.category = :category AND i.status IN (:...open)', {
        category,
        open: OPEN_INCIDENT_STATUSES,
      })
      .getOne();
  }

  async update(tx: Tx, id: string, changes: Partial<IncidentEntity>): Promise<IncidentEntity> {
    await tx
      .getRepository(IncidentEntity)
      .update({ id }, changes as Parameters<Repository<IncidentEntity>['update']>[1]);
    return tx.getRepository(IncidentEntity).findOneByOrFail({ id });
  }

  async list(filter: { status?: IncidentStatus; page: number; limit: number }) {
    const qb = this.dataSource.getRepository(IncidentEntity).createQueryBuilder('i');
    if (filter.status) qb.where('i.status = :status', { status: filter.status });
    const [items, total] = await qb
      .orderBy('i.opened_at', 'DESC')
      .skip((filter.page - 1) * filter.limit)
      .take(filter.limit)
      .getManyAndCount();
    return { items, total };
  }

  /** Open incidents and those resolved in the last days, newest first (the status page). */
  forStatusPage(days: number): Promise<IncidentEntity[]> {
    return this.dataSource
      .getRepository(IncidentEntity)
      .createQueryBuilder('i')
      .where('i.status IN (:...open)', { open: OPEN_INCIDENT_STATUSES })
      .orWhere(
        "i.status IN ('resolved', 'reviewed') AND i.resolved_at > now() - make_interval(days => :days)",
        { days },
      )
      .orderBy('i.opened_at', 'DESC')
      .getMany();
  }

  // Statements

  async insertStatement(
    tx: Tx,
    statement: Omit<IncidentStatementEntity, 'id' | 'publishedAt'>,
  ): Promise<IncidentStatementEntity> {
    const repository = tx.getRepository(IncidentStatementEntity);
    return repository.save(repository.create(statement));
  }

  statements(
    incidentIds: readonly string[],
    publicOnly: boolean,
  ): Promise<IncidentStatementEntity[]> {
    if (incidentIds.length === 0) return Promise.resolve([]);
    const qb = this.dataSource
      .getRepository(IncidentStatementEntity)
      .createQueryBuilder('s')
      .where('s.incident_id IN (:...ids)', { ids: incidentIds });
    if (publicOnly) qb.andWhere('s.kind IN (:...kinds)', { kinds: PUBLIC_STATEMENT_KINDS });
    return qb.orderBy('s.published_at', 'ASC').getMany();
  }

  findStatement(id: string): Promise<IncidentStatementEntity | null> {
    return this.dataSource.getRepository(IncidentStatementEntity).findOneBy({ id });
  }

  // Plans

  planOf(incidentId: string, tx?: Tx): Promise<IncidentPlanEntity | null> {
    return this.manager(tx).getRepository(IncidentPlanEntity).findOneBy({ incidentId });
  }

  lockPlan(tx: Tx, id: string): Promise<IncidentPlanEntity | null> {
    return tx
      .getRepository(IncidentPlanEntity)
      .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async insertPlan(
    tx: Tx,
    plan: Pick<
      IncidentPlanEntity,
      | 'incidentId'
      | 'memberDays'
      | 'qCoins'
      | 'budgetMemberDays'
      | 'budgetQCoins'
      | 'status'
      | 'proposedBy'
    >,
  ): Promise<IncidentPlanEntity | null> {
    const [id] = await insertMissing(tx, IncidentPlanEntity, [plan], 'id');
    return id ? tx.getRepository(IncidentPlanEntity).findOneByOrFail({ id }) : null;
  }

  async updatePlan(
    tx: Tx,
    id: string,
    changes: Partial<IncidentPlanEntity>,
  ): Promise<IncidentPlanEntity> {
    await tx
      .getRepository(IncidentPlanEntity)
      .update({ id }, changes as Parameters<Repository<IncidentPlanEntity>['update']>[1]);
    return tx.getRepository(IncidentPlanEntity).findOneByOrFail({ id });
  }

  /** Marks progress (the stall detector watches `updated_at`). */
  async touchPlan(tx: Tx, id: string): Promise<void> {
    await tx.query('UPDATE incident_plans SET updated_at = now() WHERE id = $1', [id]);
  }

  /** Plans running without progress for a while: their next chunk may have been lost with a worker. */
  async stalledPlans(olderThan: Date): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT id FROM incident_plans WHERE status = 'running' AND updated_at < $1`,
      [olderThan],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /**
   * The next affected users of an incident the plan has not dealt with yet, in user id order.
   * Complaints belong to the complaints library; this read of their incident link is the plan's
   * one look at that table.
   */
  async usersWithoutGrant(
    tx: Tx,
    planId: string,
    incidentId: string,
    limit: number,
    lane?: { lane: number; lanes: number },
  ): Promise<string[]> {
    const rows = (await tx.query(
      `SELECT DISTINCT c.platform_user_id AS id FROM complaints c
        WHERE c.incident_id = $2
          AND ($4::int IS NULL OR (hashtext(c.platform_user_id) & 2147483647) % $5 = $4)
          AND NOT EXISTS (SELECT 1 FROM incident_plan_grants g
                           WHERE g.plan_id = $1 AND g.platform_user_id = c.platform_user_id)
        ORDER BY 1 LIMIT $3`,
      [planId, incidentId, limit, lane?.lane ?? null, lane?.lanes ?? 1],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /** One chunk at a time per lane of a plan, across every worker. */
  async lockPlanLane(tx: Tx, planId: string, lane: number): Promise<void> {
    await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
      `plan:${planId}:${lane}`,
    ]);
  }

  findPlan(tx: Tx, id: string): Promise<IncidentPlanEntity | null> {
    return tx.getRepository(IncidentPlanEntity).findOneBy({ id });
  }

  /** Running → completed; false when another lane (or a rerun) got there first. */
  async markPlanCompleted(tx: Tx, id: string): Promise<boolean> {
    const rows = returnedRows(
      await tx.query(
        `UPDATE incident_plans SET status = 'completed', completed_at = now(), updated_at = now()
          WHERE id = $1 AND status = 'running' RETURNING id`,
        [id],
      ),
    );
    return rows.length > 0;
  }

  async insertGrants(
    tx: Tx,
    grants: Pick<
      IncidentPlanGrantEntity,
      'planId' | 'platformUserId' | 'status' | 'transferId' | 'error'
    >[],
  ): Promise<void> {
    if (grants.length === 0) return;
    await tx.query(
      `INSERT INTO incident_plan_grants (plan_id, platform_user_id, status, transfer_id, error)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::bigint[], $5::text[])
       ON CONFLICT DO NOTHING`,
      [
        grants.map((g) => g.planId),
        grants.map((g) => g.platformUserId),
        grants.map((g) => g.status),
        grants.map((g) => g.transferId),
        grants.map((g) => g.error),
      ],
    );
  }

  async planProgress(
    planId: string,
    incidentId: string,
    tx?: Tx,
  ): Promise<{ total: number; done: number; failed: number }> {
    const [row] = (await this.manager(tx).query(
      `SELECT (SELECT count(DISTINCT platform_user_id)::int FROM complaints WHERE incident_id = $2) AS total,
              count(*) FILTER (WHERE status = 'granted')::int AS done,
              count(*) FILTER (WHERE status = 'failed')::int AS failed
         FROM incident_plan_grants WHERE plan_id = $1`,
      [planId, incidentId],
    )) as { total: number; done: number; failed: number }[];
    return row;
  }

  grantOf(planId: string, platformUserId: string): Promise<IncidentPlanGrantEntity | null> {
    return this.dataSource
      .getRepository(IncidentPlanGrantEntity)
      .findOneBy({ planId, platformUserId });
  }

  // Reviews

  findReview(incidentId: string, tx?: Tx): Promise<IncidentReviewEntity | null> {
    return this.manager(tx).getRepository(IncidentReviewEntity).findOneBy({ incidentId });
  }

  async insertReview(
    tx: Tx,
    review: Omit<IncidentReviewEntity, 'createdAt'>,
  ): Promise<IncidentReviewEntity> {
    await tx.getRepository(IncidentReviewEntity).insert(review);
    return tx
      .getRepository(IncidentReviewEntity)
      .findOneByOrFail({ incidentId: review.incidentId });
  }

  /** Audit records of an incident and its plan, oldest first (the review's timeline). */
  async auditTrail(
    ids: readonly string[],
  ): Promise<{ at: Date; action: string; after: Record<string, unknown> | null }[]> {
    return (await this.dataSource.query(
      `SELECT occurred_at AS at, action, after FROM audit_log WHERE entity_id = ANY($1) ORDER BY id`,
      [ids],
    )) as { at: Date; action: string; after: Record<string, unknown> | null }[];
  }
}
