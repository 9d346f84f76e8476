import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import type { RuleConditions } from './rule-matching.policy.js';

/**
 * A compensation rule, one row per version. Edits add a version (the previous one stays, so every
 * grant can name the exact version that produced it); `is_current` marks the one in force.
 */
@Entity({ name: 'compensation_rules' })
@Index('compensation_rules_current_key', ['id'], { unique: true, where: 'is_current' })
export class CompensationRuleEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @PrimaryColumn({ type: 'int' })
  version!: number;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'boolean' })
  active!: boolean;

  @Column({ type: 'jsonb' })
  conditions!: RuleConditions;

  @Column({ name: 'outcome_member_days', type: 'bigint' })
  outcomeMemberDays!: string;

  @Column({ name: 'outcome_q_coins', type: 'bigint' })
  outcomeQCoins!: string;

  @Column({ name: 'cap_member_days', type: 'bigint', nullable: true })
  capMemberDays!: string | null;

  @Column({ name: 'cap_q_coins', type: 'bigint', nullable: true })
  capQCoins!: string | null;

  @Column({ name: 'is_current', type: 'boolean' })
  isCurrent!: boolean;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
