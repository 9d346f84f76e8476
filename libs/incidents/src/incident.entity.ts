import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { IncidentStatus, Severity } from './incidents.constants.js';

/**
 * A crisis: many complaints of one kind at once. At most one is open per category (a unique
 * index), so a spike already handled refines its incident instead of opening another. Its
 * complaints point at it (`complaints.incident_id`).
 */
@Entity({ name: 'incidents' })
@Index('incidents_open_category_key', ['category'], {
  unique: true,
  where: "status IN ('detected', 'confirmed', 'mitigating')",
})
@Index('incidents_opened_idx', ['openedAt'])
export class IncidentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'varchar', length: 32 })
  category!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: IncidentStatus;

  @Column({ type: 'varchar', length: 4 })
  severity!: Severity;

  @Column({ type: 'varchar', length: 16 })
  source!: 'detector' | 'manual';

  /** Key terms of the spike (from the detector), most telling first. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  terms!: string[];

  /** What the detector saw when it opened or last refined the incident. */
  @Column({ type: 'jsonb', nullable: true })
  detection!: Record<string, unknown> | null;

  @Column({ name: 'merged_into_id', type: 'uuid', nullable: true })
  mergedIntoId!: string | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @CreateDateColumn({ name: 'opened_at', type: 'timestamptz' })
  openedAt!: Date;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
