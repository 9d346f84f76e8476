import { Injectable } from '@nestjs/common';
import { insertMissing, type Tx } from '@desk/platform';
import { DataSource } from 'typeorm';
import type { Candidate } from './assignment.policy.js';
import { RosterEntity } from './roster.entity.js';
import { ShiftEntity } from './shift.entity.js';
import { OPEN_STATUSES } from './tickets.constants.js';

export interface StaffRef {
  id: string;
  displayName: string;
  roles: string[];
  skills: string[];
  active: boolean;
}

export interface EligibleCandidate extends Candidate {
  queueKeys: string[];
}

/**
 * Who is on duty, for which queues, with how much work: shifts, rosters and the staff facts that
 * assignment needs. Staff rows belong to the auth library; this reads the few columns it needs.
 */
@Injectable()
export class DutyRepository {
  constructor(private readonly dataSource: DataSource) {}

  staff(id: string, tx?: Tx): Promise<StaffRef | undefined> {
    return (tx ?? this.dataSource.manager)
      .query(
        'SELECT id, display_name AS "displayName", roles, skills, active FROM staff WHERE id = $1',
        [id],
      )
      .then((rows: StaffRef[]) => rows[0]);
  }

  /**
   * Agents on duty now for any of the queues: active, holding the agent role and the queue's
   * skill, inside a shift that lists the queue; with their open load and last assignment.
   */
  async candidates(tx: Tx, queueKeys: readonly string[], now: Date): Promise<EligibleCandidate[]> {
    const rows = (await tx.query(
      `SELECT s.id, s.capacity,
              array_agg(DISTINCT q.key) AS queue_keys,
              (SELECT count(*)::int FROM tickets t
                WHERE t.assignee_id = s.id AND t.status = ANY($3)) AS load,
              (SELECT max(t.assigned_at) FROM tickets t WHERE t.assignee_id = s.id) AS last_assigned_at
         FROM staff s
         JOIN shifts sh ON sh.staff_id = s.id AND sh.starts_at <= $2 AND sh.ends_at > $2
         CROSS JOIN LATERAL unnest(sh.queue_keys) AS q(key)
        WHERE s.active AND 'agent' = ANY(s.roles) AND q.key = ANY($1) AND q.key = ANY(s.skills)
        GROUP BY s.id, s.capacity`,
      [queueKeys, now, OPEN_STATUSES],
    )) as {
      id: string;
      capacity: number;
      queue_keys: string[];
      load: number;
      last_assigned_at: Date | null;
    }[];
    return rows.map((r) => ({
      id: r.id,
      capacity: r.capacity,
      load: r.load,
      lastAssignedAt: r.last_assigned_at,
      queueKeys: r.queue_keys,
    }));
  }

  /** Supervisors whose shift covers now; with none on duty, every active supervisor. */
  async onCallSupervisors(tx: Tx, now: Date): Promise<string[]> {
    const rows = (await tx.query(
      `SELECT s.id, bool_or(sh.id IS NOT NULL) AS on_duty
         FROM staff s
         LEFT JOIN shifts sh ON sh.staff_id = s.id AND sh.starts_at <= $1 AND sh.ends_at > $1
        WHERE s.active AND 'supervisor' = ANY(s.roles)
        GROUP BY s.id`,
      [now],
    )) as { id: string; on_duty: boolean }[];
    const onDuty = rows.filter((r) => r.on_duty);
    return (onDuty.length ? onDuty : rows).map((r) => r.id);
  }

  /** Queues (among those given) a person is still on duty for at `now`. */
  async queuesOnDuty(tx: Tx, staffId: string, now: Date): Promise<Set<string>> {
    const rows = (await tx.query(
      `SELECT DISTINCT unnest(queue_keys) AS key FROM shifts
        WHERE staff_id = $1 AND starts_at <= $2 AND ends_at > $2`,
      [staffId, now],
    )) as { key: string }[];
    return new Set(rows.map((r) => r.key));
  }

  async insertShift(
    tx: Tx,
    shift: Pick<ShiftEntity, 'staffId' | 'queueKeys' | 'startsAt' | 'endsAt' | 'rosterId'>,
  ): Promise<ShiftEntity | null> {
    const [id] = await insertMissing(tx, ShiftEntity, [shift], 'id');
    return id ? tx.getRepository(ShiftEntity).findOneByOrFail({ id }) : null;
  }

  async insertRoster(
    tx: Tx,
    roster: Omit<RosterEntity, 'id' | 'createdAt'>,
  ): Promise<RosterEntity> {
    const repository = tx.getRepository(RosterEntity);
    return repository.save(repository.create(roster));
  }

  lockShift(tx: Tx, id: string): Promise<ShiftEntity | null> {
    return tx
      .getRepository(ShiftEntity)
      .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async markShift(tx: Tx, id: string, edge: 'start' | 'end', at: Date): Promise<void> {
    const column = edge === 'start' ? 'start_handled_at' : 'end_handled_at';
    await tx.query(`UPDATE shifts SET ${column} = $2 WHERE id = $1`, [id, at]);
  }

  /** Shift starts and ends that have passed without being handled (lost timers). */
  async boundariesDue(now: Date, limit: number): Promise<{ id: string; edge: 'start' | 'end' }[]> {
    const rows = (await this.dataSource.query(
      `(SELECT id, 'start' AS edge FROM shifts WHERE start_handled_at IS NULL AND starts_at <= $1
         ORDER BY starts_at LIMIT $2)
       UNION ALL
       (SELECT id, 'end' AS edge FROM shifts WHERE end_handled_at IS NULL AND ends_at <= $1
         ORDER BY ends_at LIMIT $2)`,
      [now, limit],
    )) as { id: string; edge: 'start' | 'end' }[];
    return rows;
  }

  /** One-off shifts overlapping a window (roster occurrences are derived from their rosters). */
  oneOffShifts(from: Date, to: Date, staffId?: string): Promise<ShiftEntity[]> {
    const qb = this.dataSource
      .getRepository(ShiftEntity)
      .createQueryBuilder('s')
      .where('s.roster_id IS NULL')
      .andWhere('s.starts_at < :to AND s.ends_at > :from', { from, to });
    if (staffId) qb.andWhere('s.staff_id = :staffId', { staffId });
    return qb.orderBy('s.starts_at', 'ASC').getMany();
  }

  rosters(staffId?: string): Promise<RosterEntity[]> {
    return this.dataSource
      .getRepository(RosterEntity)
      .find({ where: staffId ? { staffId } : {}, order: { createdAt: 'ASC' } });
  }

  /** Rosters whose occurrences are written out less far ahead than `horizon`, locked. */
  rostersToExtend(tx: Tx, horizon: Date, limit: number): Promise<RosterEntity[]> {
    return tx
      .getRepository(RosterEntity)
      .createQueryBuilder('r')
      .where('r.materialized_until < :horizon', { horizon })
      .andWhere('(r.until_date IS NULL OR r.until_date >= CURRENT_DATE - 1)')
      .limit(limit)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getMany();
  }

  async setMaterializedUntil(tx: Tx, rosterId: string, until: Date): Promise<void> {
    await tx.getRepository(RosterEntity).update({ id: rosterId }, { materializedUntil: until });
  }

  /** Active staff who may work each queue (agent role and the skill), for coverage. */
  async coverageStaff(): Promise<Map<string, Set<string>>> {
    const rows = (await this.dataSource.query(
      `SELECT id, skills FROM staff WHERE active AND 'agent' = ANY(roles)`,
    )) as { id: string; skills: string[] }[];
    return new Map(rows.map((r) => [r.id, new Set(r.skills)]));
  }
}
