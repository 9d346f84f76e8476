import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { WeeklySlot } from './roster.policy.js';

/**
 * A weekly recurring roster in its own time zone. Its occurrences are written out as shifts a few
 * weeks ahead (`materialized_until`), so "who is on duty now" is one indexed query.
 */
@Entity({ name: 'rosters' })
@Index('rosters_staff_idx', ['staffId'])
export class RosterEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'staff_id', type: 'uuid' })
  staffId!: string;

  @Column({ name: 'queue_keys', type: 'text', array: true })
  queueKeys!: string[];

  @Column({ name: 'time_zone', type: 'varchar', length: 64 })
  timeZone!: string;

  @Column({ type: 'jsonb' })
  slots!: WeeklySlot[];

  @Column({ name: 'from_date', type: 'date', nullable: true })
  fromDate!: string | null;

  @Column({ name: 'until_date', type: 'date', nullable: true })
  untilDate!: string | null;

  @Column({ name: 'materialized_until', type: 'timestamptz' })
  materializedUntil!: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
