import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** The post-incident review; the timeline is rebuilt from the audit trail and events when read. */
@Entity({ name: 'incident_reviews' })
export class IncidentReviewEntity {
  @PrimaryColumn({ name: 'incident_id', type: 'uuid' })
  incidentId!: string;

  @Column({ type: 'text' })
  cause!: string;

  @Column({ type: 'text' })
  actions!: string;

  @Column({ type: 'text' })
  lessons!: string;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
