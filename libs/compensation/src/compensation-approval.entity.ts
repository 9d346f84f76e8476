import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One person's approval of a proposal, with the roles they held and the policy version applied. */
@Entity({ name: 'compensation_approvals' })
@Index('compensation_approvals_person_key', ['compensationId', 'approverId'], { unique: true })
export class CompensationApprovalEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'compensation_id', type: 'uuid' })
  compensationId!: string;

  @Column({ name: 'approver_id', type: 'uuid' })
  approverId!: string;

  @Column({ type: 'text', array: true })
  roles!: string[];

  @Column({ type: 'varchar', length: 1000, nullable: true })
  note!: string | null;

  @Column({ name: 'policy_version', type: 'int' })
  policyVersion!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
