import { Injectable } from '@nestjs/common';
import { insertMissing, pageWithTotal, type Tx } from '@desk/platform';
import { DataSource, In, type Repository, type SelectQueryBuilder } from 'typeorm';
import { TicketEntity } from './ticket.entity.js';
import { OPEN_STATUSES, type TicketStatus } from './tickets.constants.js';

export type NewTicket = Pick<
  TicketEntity,
  | 'complaintId'
  | 'queueKey'
  | 'status'
  | 'priority'
  | 'category'
  | 'slaFirstResponseSeconds'
  | 'slaResolutionSeconds'
  | 'firstResponseDueAt'
  | 'resolutionDueAt'
  | 'slaNextAt'
  | 'createdAt'
>;

export interface TicketFilter {
  queue?: string;
  status?: TicketStatus;
  assigneeId?: string;
  priority?: string;
  breached?: boolean;
  page: number;
  limit: number;
}

/** Statuses in which a ticket still waits for someone when it has no assignee. */
const WAITING_STATUSES: TicketStatus[] = ['new', 'assigned', 'in_progress', 'awaiting_user'];

/** The only place that knows how tickets are stored. */
@Injectable()
export class TicketRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Inserts the complaint's ticket unless it has one (a triage job run twice); null then. */
  async insertIfAbsent(tx: Tx, ticket: NewTicket): Promise<TicketEntity | null> {
    const [id] = await insertMissing(tx, TicketEntity, [ticket], 'id');
    return id ? tx.getRepository(TicketEntity).findOneByOrFail({ id }) : null;
  }

  /**
   * Inserts tickets for complaints that have none, in one statement; returns those inserted (a
   * complaint that has its ticket already — a triage retried — is skipped).
   */
  async insertManyIfAbsent(tx: Tx, tickets: readonly NewTicket[]): Promise<TicketEntity[]> {
    if (tickets.length === 0) return [];
    const col = <T>(f: (t: NewTicket) => T) => tickets.map(f);
    const rows = (await tx.query(
      `INSERT INTO tickets (complaint_id, queue_key, status, priority, category, sla_first_response_seconds,
                            sla_resolution_seconds, first_response_due_at, resolution_due_at, sla_next_at,
                            created_at)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::int[],
                            $8::timestamptz[], $9::timestamptz[], $10::timestamptz[], $11::timestamptz[])
       ON CONFLICT (complaint_id) DO NOTHING
       RETURNING id`,
      [
        col((t) => t.complaintId),
        col((t) => t.queueKey),
        col((t) => t.status),
        col((t) => t.priority),
        col((t) => t.category),
        col((t) => t.slaFirstResponseSeconds),
        col((t) => t.slaResolutionSeconds),
        col((t) => t.firstResponseDueAt),
        col((t) => t.resolutionDueAt),
        col((t) => t.slaNextAt),
        col((t) => t.createdAt),
      ],
    )) as { id: string }[];
    if (rows.length === 0) return [];
    return tx.getRepository(TicketEntity).findBy({ id: In(rows.map((r) => r.id)) });
  }

  /** Sets assignee, assignment time and status of many tickets in one statement. */
  async assignMany(
    tx: Tx,
    changes: readonly {
      id: string;
      assigneeId: string | null;
      assignedAt: Date | null;
      status: TicketStatus;
    }[],
  ): Promise<void> {
    if (changes.length === 0) return;
    await tx.query(
      `UPDATE tickets t SET assignee_id = c.assignee_id, assigned_at = c.assigned_at, status = c.status,
                            updated_at = now()
         FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[], $4::text[])
              AS c(id, assignee_id, assigned_at, status)
        WHERE t.id = c.id`,
      [
        changes.map((c) => c.id),
        changes.map((c) => c.assigneeId),
        changes.map((c) => c.assignedAt),
        changes.map((c) => c.status),
      ],
    );
  }

  findById(id: string): Promise<TicketEntity | null> {
    return this.dataSource.getRepository(TicketEntity).findOneBy({ id });
  }

  findByComplaintId(complaintId: string, tx?: Tx): Promise<TicketEntity | null> {
    return (tx ?? this.dataSource.manager).getRepository(TicketEntity).findOneBy({ complaintId });
  }

  lockById(tx: Tx, id: string): Promise<TicketEntity | null> {
    return tx
      .getRepository(TicketEntity)
      .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  lockByComplaintId(tx: Tx, complaintId: string): Promise<TicketEntity | null> {
    return tx
      .getRepository(TicketEntity)
      .findOne({ where: { complaintId }, lock: { mode: 'pessimistic_write' } });
  }

  /** Locks the ticket unless another transaction holds it (sweepers skip what is being worked). */
  async tryLock(tx: Tx, id: string): Promise<TicketEntity | null> {
    const rows = (await tx.query('SELECT id FROM tickets WHERE id = $1 FOR UPDATE SKIP LOCKED', [
      id,
    ])) as { id: string }[];
    return rows.length ? tx.getRepository(TicketEntity).findOneByOrFail({ id }) : null;
  }

  async update(tx: Tx, id: string, changes: Partial<TicketEntity>): Promise<TicketEntity> {
    await tx
      .getRepository(TicketEntity)
      .update({ id }, changes as Parameters<Repository<TicketEntity>['update']>[1]);
    return tx.getRepository(TicketEntity).findOneByOrFail({ id });
  }

  /** A page of tickets, newest first, and how many match in all. */
  list(
    filter: TicketFilter,
  ): Promise<{ items: TicketEntity[]; total: number; totalIsEstimate: boolean }> {
    return pageWithTotal(this.dataSource, this.listQuery(filter), this.countQuery(filter));
  }

  listQuery(filter: TicketFilter): SelectQueryBuilder<TicketEntity> {
    return this.filtered(filter)
      .orderBy('t.created_at', 'DESC')
      .addOrderBy('t.id', 'DESC')
      .offset((filter.page - 1) * filter.limit)
      .limit(filter.limit);
  }

  /** What the total counts: the filtered rows (see boundedTotal; TypeORM's count is COUNT(DISTINCT)). */
  countQuery(filter: TicketFilter): SelectQueryBuilder<TicketEntity> {
    return this.filtered(filter).select('1');
  }

  private filtered(filter: TicketFilter): SelectQueryBuilder<TicketEntity> {
    const qb = this.dataSource.getRepository(TicketEntity).createQueryBuilder('t');
    if (filter.queue) qb.andWhere('t.queue_key = :queue', { queue: filter.queue });
    if (filter.status) qb.andWhere('t.status = :status', { status: filter.status });
    if (filter.assigneeId)
      qb.andWhere('t.assignee_id = :assignee', { assignee: filter.assigneeId });
    if (filter.priority) qb.andWhere('t.priority = :priority', { priority: filter.priority });
    if (filter.breached !== undefined)
      qb.andWhere('t.breached = :breached', { breached: filter.breached });
    return qb;
  }

  /**
   * Unassigned open tickets of the given queues, most urgent and oldest first, locked for the
   * caller (skipping any another transaction is handing out right now).
   */
  waiting(tx: Tx, queueKeys: readonly string[], limit: number): Promise<TicketEntity[]> {
    return tx
      .getRepository(TicketEntity)
      .createQueryBuilder('t')
      .where('t.assignee_id IS NULL')
      .andWhere('t.status IN (:...statuses)', { statuses: WAITING_STATUSES })
      .andWhere('t.queue_key IN (:...queues)', { queues: queueKeys })
      .orderBy('t.priority', 'ASC')
      .addOrderBy('t.created_at', 'ASC')
      .limit(limit)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getMany();
  }

  /** A person's open tickets, locked. */
  openOf(tx: Tx, staffId: string): Promise<TicketEntity[]> {
    return tx
      .getRepository(TicketEntity)
      .createQueryBuilder('t')
      .where('t.assignee_id = :staffId', { staffId })
      .andWhere('t.status IN (:...statuses)', { statuses: OPEN_STATUSES })
      .orderBy('t.created_at', 'ASC')
      .setLock('pessimistic_write')
      .getMany();
  }

  /** Tickets whose next SLA event is due (the sweeper's net under lost timers). */
  async slaDue(now: Date, limit: number): Promise<string[]> {
    const rows = (await this.dataSource.query(
      'SELECT id FROM tickets WHERE sla_next_at <= $1 ORDER BY sla_next_at LIMIT $2',
      [now, limit],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /** Tickets with an SLA event due before `until`: their timers are re-armed. */
  async slaUpcoming(now: Date, until: Date, limit: number): Promise<{ id: string; at: Date }[]> {
    const rows = (await this.dataSource.query(
      `SELECT id, sla_next_at FROM tickets WHERE sla_next_at > $1 AND sla_next_at <= $2
       ORDER BY sla_next_at LIMIT $3`,
      [now, until, limit],
    )) as { id: string; sla_next_at: Date }[];
    return rows.map((r) => ({ id: r.id, at: r.sla_next_at }));
  }

  /** Resolved tickets the user did not reopen in time: closed for good. */
  async resolvedBefore(cutoff: Date, limit: number): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT id FROM tickets WHERE status = 'resolved' AND resolved_at <= $1
       ORDER BY resolved_at LIMIT $2`,
      [cutoff, limit],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /** Open tickets with a breached SLA per queue (for the metrics gauge). */
  async breachedOpenByQueue(): Promise<{ queueKey: string; count: number }[]> {
    const rows = (await this.dataSource.query(
      `SELECT queue_key, count(*)::int AS n FROM tickets
       WHERE breached AND status IN ('new', 'assigned', 'in_progress', 'awaiting_user')
       GROUP BY queue_key`,
    )) as { queue_key: string; n: number }[];
    return rows.map((r) => ({ queueKey: r.queue_key, count: r.n }));
  }
}
