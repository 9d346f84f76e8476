import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { Priority } from './sla.policy.js';

/** SLA targets per priority; tickets copy them when they open. */
@Entity({ name: 'sla_policies' })
export class SlaPolicyEntity {
  @PrimaryColumn({ type: 'varchar', length: 2 })
  priority!: Priority;

  @Column({ name: 'first_response_seconds', type: 'int' })
  firstResponseSeconds!: number;

  @Column({ name: 'resolution_seconds', type: 'int' })
  resolutionSeconds!: number;

  @Column({ type: 'int', default: 1 })
  version!: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
