import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { Tier } from './approval.policy.js';
import type { CompensationSource, CompensationStatus } from './compensation.constants.js';

/**
 * A proposal to compensate a user for a complaint, and what became of it. Amounts are bigint;
 * once posted, `transfer_id` names the ledger transfer that granted it.
 */
@Entity({ name: 'compensations' })
@Index('compensations_status_created_idx', ['status', 'createdAt'])
@Index('compensations_complaint_idx', ['complaintId'])
@Index('compensations_user_created_idx', ['platformUserId', 'createdAt'])
@Index('compensations_pending_expiry_idx', ['expiresAt'], { where: "status = 'pending'" })
@Index('compensations_dedupe_key', ['dedupeKey'], { unique: true, where: 'dedupe_key IS NOT NULL' })
export class CompensationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'complaint_id', type: 'uuid' })
  complaintId!: string;

  @Column({ name: 'platform_user_id', type: 'varchar', length: 12 })
  platformUserId!: string;

  @Column({ type: 'varchar', length: 32, nullable: true })
  category!: string | null;

  @Column({ name: 'member_days', type: 'bigint' })
  memberDays!: string;

  @Column({ name: 'q_coins', type: 'bigint' })
  qCoins!: string;

  @Column({ type: 'varchar', length: 1000 })
  reason!: string;

  @Column({ type: 'varchar', length: 16 })
  source!: CompensationSource;

  @Column({ name: 'rule_id', type: 'uuid', nullable: true })
  ruleId!: string | null;

  @Column({ name: 'rule_version', type: 'int', nullable: true })
  ruleVersion!: number | null;

  @Column({ name: 'incident_id', type: 'uuid', nullable: true })
  incidentId!: string | null;

  @Column({ type: 'varchar', length: 16 })
  status!: CompensationStatus;

  @Column({ name: 'required_tier', type: 'varchar', length: 8 })
  requiredTier!: Tier;

  @Column({ name: 'policy_version', type: 'int' })
  policyVersion!: number;

  /** Null when the desk proposed it (a rule on resolution). */
  @Column({ name: 'proposed_by', type: 'uuid', nullable: true })
  proposedBy!: string | null;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  /** Makes a rule's proposal for a complaint happen once, however often rules are evaluated. */
  @Column({ name: 'dedupe_key', type: 'varchar', length: 200, nullable: true })
  dedupeKey!: string | null;

  @Column({ name: 'transfer_id', type: 'bigint', nullable: true })
  transferId!: string | null;

  @Column({ name: 'posted_at', type: 'timestamptz', nullable: true })
  postedAt!: Date | null;

  @Column({ name: 'fulfilled_at', type: 'timestamptz', nullable: true })
  fulfilledAt!: Date | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  @Column({ name: 'rejected_by', type: 'uuid', nullable: true })
  rejectedBy!: string | null;

  @Column({ name: 'reject_reason', type: 'varchar', length: 1000, nullable: true })
  rejectReason!: string | null;

  @Column({ name: 'fulfilment_attempts', type: 'int', default: 0 })
  fulfilmentAttempts!: number;

  @Column({ name: 'last_error', type: 'varchar', length: 1000, nullable: true })
  lastError!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
