import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { PlanStatus } from './incidents.constants.js';

/**
 * The bulk compensation of an incident: the same grant for every distinct affected user, proposed
 * by a supervisor and approved by finance, optionally paid from a capped incident budget.
 */
@Entity({ name: 'incident_plans' })
@Index('incident_plans_incident_key', ['incidentId'], { unique: true })
@Index('incident_plans_running_idx', ['updatedAt'], { where: "status = 'running'" })
export class IncidentPlanEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'incident_id', type: 'uuid' })
  incidentId!: string;

  @Column({ name: 'member_days', type: 'bigint' })
  memberDays!: string;

  @Column({ name: 'q_coins', type: 'bigint' })
  qCoins!: string;

  @Column({ name: 'budget_member_days', type: 'bigint', nullable: true })
  budgetMemberDays!: string | null;

  @Column({ name: 'budget_q_coins', type: 'bigint', nullable: true })
  budgetQCoins!: string | null;

  @Column({ type: 'varchar', length: 16 })
  status!: PlanStatus;

  @Column({ name: 'proposed_by', type: 'uuid' })
  proposedBy!: string;

  @Column({ name: 'approved_by', type: 'uuid', nullable: true })
  approvedBy!: string | null;

  @Column({ name: 'approved_at', type: 'timestamptz', nullable: true })
  approvedAt!: Date | null;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** One row per user a plan has dealt with: the grant's transfer, or why there is none. */
@Entity({ name: 'incident_plan_grants' })
export class IncidentPlanGrantEntity {
  @PrimaryColumn({ name: 'plan_id', type: 'uuid' })
  planId!: string;

  @PrimaryColumn({ name: 'platform_user_id', type: 'varchar', length: 12 })
  platformUserId!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: 'granted' | 'failed';

  @Column({ name: 'transfer_id', type: 'bigint', nullable: true })
  transferId!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  error!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
