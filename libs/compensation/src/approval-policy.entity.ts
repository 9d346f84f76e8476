import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { ApprovalPolicy } from './approval.policy.js';

/** Every version of the approval policy; the highest is in force, and approvals name theirs. */
@Entity({ name: 'approval_policies' })
export class ApprovalPolicyEntity {
  @PrimaryColumn({ type: 'int' })
  version!: number;

  @Column({ type: 'jsonb' })
  policy!: ApprovalPolicy;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
