import { Injectable } from '@nestjs/common';
import type { Tx } from '@desk/platform';
import { DataSource } from 'typeorm';
import { NotificationEntity, type NotificationKind } from './notification.entity.js';

export interface NewNotification {
  kind: NotificationKind;
  title: string;
  ticketId?: string | null;
  data?: Record<string, unknown>;
}

/** The only place that knows how staff notifications are stored. */
@Injectable()
export class NotificationRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(tx: Tx, staffIds: readonly string[], n: NewNotification): Promise<void> {
    if (staffIds.length === 0) return;
    await tx.query(
      `INSERT INTO notifications (staff_id, kind, title, ticket_id, data)
       SELECT unnest($1::uuid[]), $2, $3, $4, $5::jsonb`,
      [staffIds, n.kind, n.title, n.ticketId ?? null, JSON.stringify(n.data ?? {})],
    );
  }

  /** Different notifications for different people, in one statement. */
  async insertMany(
    tx: Tx,
    rows: readonly (NewNotification & { staffId: string })[],
  ): Promise<void> {
    if (rows.length === 0) return;
    await tx.query(
      `INSERT INTO notifications (staff_id, kind, title, ticket_id, data)
       SELECT s, k, t, i, d::jsonb FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::text[])
              AS x(s, k, t, i, d)`,
      [
        rows.map((r) => r.staffId),
        rows.map((r) => r.kind),
        rows.map((r) => r.title),
        rows.map((r) => r.ticketId ?? null),
        rows.map((r) => JSON.stringify(r.data ?? {})),
      ],
    );
  }

  /** Of the given people, those with no unread notification of this kind about this queue. */
  async withoutUnread(
    tx: Tx,
    staffIds: readonly string[],
    kind: NotificationKind,
    queueKey: string,
  ): Promise<string[]> {
    if (staffIds.length === 0) return [];
    const rows = (await tx.query(
      `SELECT DISTINCT staff_id FROM notifications
        WHERE staff_id = ANY($1) AND kind = $2 AND read_at IS NULL AND data->>'queueKey' = $3`,
      [staffIds, kind, queueKey],
    )) as { staff_id: string }[];
    const notified = new Set(rows.map((r) => r.staff_id));
    return staffIds.filter((id) => !notified.has(id));
  }

  async list(
    staffId: string,
    filter: { unread?: boolean; page: number; limit: number },
  ): Promise<{ items: NotificationEntity[]; total: number; unread: number }> {
    const qb = this.dataSource
      .getRepository(NotificationEntity)
      .createQueryBuilder('n')
      .where('n.staff_id = :staffId', { staffId });
    if (filter.unread) qb.andWhere('n.read_at IS NULL');
    const [[items, total], unread] = await Promise.all([
      qb
        .orderBy('n.id', 'DESC')
        .skip((filter.page - 1) * filter.limit)
        .take(filter.limit)
        .getManyAndCount(),
      this.dataSource
        .getRepository(NotificationEntity)
        .createQueryBuilder('n')
        .where('n.staff_id = :staffId AND n.read_at IS NULL', { staffId })
        .getCount(),
    ]);
    return { items, total, unread };
  }

  /** Marks one of the person's notifications read; null when it is not theirs or does not exist. */
  async markRead(staffId: string, id: string): Promise<NotificationEntity | null> {
    await this.dataSource.query(
      'UPDATE notifications SET read_at = coalesce(read_at, now()) WHERE id = $1 AND staff_id = $2',
      [id, staffId],
    );
    return this.dataSource.getRepository(NotificationEntity).findOneBy({ id, staffId });
  }
}
