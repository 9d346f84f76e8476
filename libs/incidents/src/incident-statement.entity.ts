import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { StatementKind } from './incidents.constants.js';

/** A published statement: immutable (a trigger refuses changes); a correction is a new one. */
@Entity({ name: 'incident_statements' })
@Index('incident_statements_incident_idx', ['incidentId', 'publishedAt'])
export class IncidentStatementEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'incident_id', type: 'uuid' })
  incidentId!: string;

  @Column({ type: 'varchar', length: 20 })
  kind!: StatementKind;

  @Column({ type: 'varchar', length: 2 })
  locale!: 'zh' | 'en';

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'text' })
  body!: string;

  @Column({ name: 'template_key', type: 'varchar', length: 50, nullable: true })
  templateKey!: string | null;

  @Column({ name: 'published_by', type: 'uuid', nullable: true })
  publishedBy!: string | null;

  @Column({ name: 'published_at', type: 'timestamptz', default: () => 'now()' })
  publishedAt!: Date;
}
