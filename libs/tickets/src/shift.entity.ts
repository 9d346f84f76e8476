import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One stretch of duty in UTC: a one-off shift, or one occurrence of a weekly roster (`rosterId`).
 * Its start and end are handled once each (assignment, hand-over); the handled marks make the
 * boundary jobs idempotent and let the sweeper find boundaries whose timer was lost.
 */
@Entity({ name: 'shifts' })
@Index('shifts_staff_starts_idx', ['staffId', 'startsAt'])
@Index('shifts_window_idx', ['startsAt', 'endsAt'])
@Index('shifts_roster_starts_key', ['rosterId', 'startsAt'], { unique: true })
@Index('shifts_start_pending_idx', ['startsAt'], { where: 'start_handled_at IS NULL' })
@Index('shifts_end_pending_idx', ['endsAt'], { where: 'end_handled_at IS NULL' })
export class ShiftEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'staff_id', type: 'uuid' })
  staffId!: string;

  @Column({ name: 'queue_keys', type: 'text', array: true })
  queueKeys!: string[];

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt!: Date;

  @Column({ name: 'ends_at', type: 'timestamptz' })
  endsAt!: Date;

  @Column({ name: 'roster_id', type: 'uuid', nullable: true })
  rosterId!: string | null;

  @Column({ name: 'start_handled_at', type: 'timestamptz', nullable: true })
  startHandledAt!: Date | null;

  @Column({ name: 'end_handled_at', type: 'timestamptz', nullable: true })
  endHandledAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
