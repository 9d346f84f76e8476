import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type NotificationKind =
  | 'ticket_assigned'
  | 'ticket_handed_over'
  | 'ticket_reopened'
  | 'sla_warning'
  | 'sla_breach'
  | 'queue_unstaffed'
  | 'fulfilment_failed'
  | 'incident_detected';

/** Something a staff member should know about; read from GET /admin/notifications. */
@Entity({ name: 'notifications' })
@Index('notifications_staff_idx', ['staffId', 'id'])
@Index('notifications_unread_idx', ['staffId', 'kind'], { where: 'read_at IS NULL' })
export class NotificationEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'staff_id', type: 'uuid' })
  staffId!: string;

  @Column({ type: 'varchar', length: 32 })
  kind!: NotificationKind;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ name: 'ticket_id', type: 'uuid', nullable: true })
  ticketId!: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  data!: Record<string, unknown>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt!: Date | null;
}
