import { Column, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/**
 * A supervisor-editable triage rule: a term or regular expression that votes for a category and/or
 * a priority with a weight. Every edit bumps `version`; the audit trail holds each earlier version.
 */
@Entity({ name: 'triage_rules' })
export class TriageRuleEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 32, nullable: true })
  category!: string | null;

  @Column({ type: 'varchar', length: 2, nullable: true })
  priority!: string | null;

  /** Terms separated by `|` (matched case-insensitively), or a regular expression when isRegex. */
  @Column({ type: 'varchar', length: 500 })
  pattern!: string;

  @Column({ name: 'is_regex', type: 'boolean', default: false })
  isRegex!: boolean;

  @Column({ type: 'real' })
  weight!: number;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ type: 'int', default: 1 })
  version!: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
