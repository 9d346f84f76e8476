import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { Priority } from './sla.policy.js';
import type { TicketStatus } from './tickets.constants.js';

/**
 * The work a complaint becomes. SLA deadlines live here, in PostgreSQL: bull timers only wake the
 * worker up, and `sla_next_at` lets a sweeper find any wake-up that Redis lost.
 */
@Entity({ name: 'tickets' })
@Index('tickets_complaint_key', ['complaintId'], { unique: true })
@Index('tickets_created_idx', ['createdAt', 'id'])
@Index('tickets_queue_status_created_idx', ['queueKey', 'status', 'createdAt'])
@Index('tickets_status_created_idx', ['status', 'createdAt'])
@Index('tickets_assignee_status_created_idx', ['assigneeId', 'status', 'createdAt'])
@Index('tickets_priority_created_idx', ['priority', 'createdAt'])
@Index('tickets_breached_created_idx', ['createdAt'], { where: 'breached' })
@Index('tickets_sla_next_idx', ['slaNextAt'], { where: 'sla_next_at IS NOT NULL' })
@Index('tickets_waiting_idx', ['queueKey', 'priority', 'createdAt'], {
  where: "assignee_id IS NULL AND status IN ('new', 'assigned', 'in_progress', 'awaiting_user')",
})
export class TicketEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'complaint_id', type: 'uuid' })
  complaintId!: string;

  @Column({ name: 'queue_key', type: 'varchar', length: 50 })
  queueKey!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: TicketStatus;

  @Column({ type: 'varchar', length: 2 })
  priority!: Priority;

  /** The complaint's category, kept here so reports and routing need no join. */
  @Column({ type: 'varchar', length: 32 })
  category!: string;

  @Column({ name: 'assignee_id', type: 'uuid', nullable: true })
  assigneeId!: string | null;

  @Column({ name: 'assigned_at', type: 'timestamptz', nullable: true })
  assignedAt!: Date | null;

  /** The targets in force when the ticket opened; later policy changes do not move them. */
  @Column({ name: 'sla_first_response_seconds', type: 'int' })
  slaFirstResponseSeconds!: number;

  @Column({ name: 'sla_resolution_seconds', type: 'int' })
  slaResolutionSeconds!: number;

  @Column({ name: 'first_response_due_at', type: 'timestamptz' })
  firstResponseDueAt!: Date;

  @Column({ name: 'resolution_due_at', type: 'timestamptz' })
  resolutionDueAt!: Date;

  @Column({ name: 'first_responded_at', type: 'timestamptz', nullable: true })
  firstRespondedAt!: Date | null;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  /** Set while the clock stands still (awaiting the user, resolved). */
  @Column({ name: 'paused_at', type: 'timestamptz', nullable: true })
  pausedAt!: Date | null;

  @Column({ name: 'first_response_warned_at', type: 'timestamptz', nullable: true })
  firstResponseWarnedAt!: Date | null;

  @Column({ name: 'first_response_breached_at', type: 'timestamptz', nullable: true })
  firstResponseBreachedAt!: Date | null;

  @Column({ name: 'resolution_warned_at', type: 'timestamptz', nullable: true })
  resolutionWarnedAt!: Date | null;

  @Column({ name: 'resolution_breached_at', type: 'timestamptz', nullable: true })
  resolutionBreachedAt!: Date | null;

  /** Either deadline was missed. */
  @Column({ type: 'boolean', default: false })
  breached!: boolean;

  /** When the next SLA warning or breach falls due; null when nothing is pending. */
  @Column({ name: 'sla_next_at', type: 'timestamptz', nullable: true })
  slaNextAt!: Date | null;

  @Column({ name: 'escalation_level', type: 'int', default: 0 })
  escalationLevel!: number;

  @Column({ name: 'reopen_count', type: 'int', default: 0 })
  reopenCount!: number;

  /** The user's rating (1-5) of how the complaint was handled, copied here for SLA reports. */
  @Column({ name: 'satisfaction_rating', type: 'smallint', nullable: true })
  satisfactionRating!: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
