import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Work promised by a committed change: written in the same transaction as the change, then handed
 * to bull by the relay. Redis carries the work; this row is the copy that survives a Redis loss.
 */
@Entity({ name: 'outbox' })
@Index('outbox_pending_idx', ['id'], { where: 'dispatched_at IS NULL' })
export class OutboxMessageEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'varchar', length: 50 })
  queue!: string;

  @Column({ name: 'job_name', type: 'varchar', length: 100 })
  jobName!: string;

  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  /** Not before this instant: a timer (an SLA deadline, a shift boundary) committed with its cause. */
  @Column({ name: 'run_at', type: 'timestamptz', nullable: true })
  runAt!: Date | null;

  /** The bull job id when the work has a natural one (deduplicates re-armed timers); else `outbox:<id>`. */
  @Column({ name: 'job_key', type: 'varchar', length: 200, nullable: true })
  jobKey!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'dispatched_at', type: 'timestamptz', nullable: true })
  dispatchedAt!: Date | null;
}
