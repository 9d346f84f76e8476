import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

export type ComplaintStatus = 'received' | 'triaged' | 'needs_review' | 'duplicate';

/** What triage decided and why; kept as written so agents can see the reasoning later. */
export interface TriageRecord {
  category: string;
  priority: string;
  language: string;
  confidence: number;
  explanation: Record<string, unknown>;
  needsReview: boolean;
}

@Entity({ name: 'complaints' })
@Index('complaints_tracking_code_key', ['trackingCode'], { unique: true })
@Index('complaints_user_created_idx', ['platformUserId', 'createdAt'])
@Index('complaints_created_idx', ['createdAt', 'id'])
@Index('complaints_status_created_idx', ['status', 'createdAt'])
@Index('complaints_category_created_idx', ['category', 'createdAt'])
@Index('complaints_search_idx', { synchronize: false })
@Index('complaints_incident_idx', ['incidentId'], { where: 'incident_id IS NOT NULL' })
export class ComplaintEntity {
  /** Chosen by the desk before insert, so the idempotency record can name it in the same transaction. */
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'tracking_code', type: 'varchar', length: 16 })
  trackingCode!: string;

  /** SHA-256 of the 128-bit tracking token; the token itself is shown once, to the user. */
  @Column({ name: 'tracking_token_hash', type: 'char', length: 64 })
  trackingTokenHash!: string;

  @Column({ name: 'platform_user_id', type: 'varchar', length: 12 })
  platformUserId!: string;

  /** E-mail or mainland mobile number: personal data, never logged. */
  @Column({ type: 'varchar', length: 254 })
  contact!: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  title!: string | null;

  @Column({ type: 'text' })
  description!: string;

  /** The language the user chose for replies (`zh` or `en`), if any. */
  @Column({ type: 'varchar', length: 2, nullable: true })
  locale!: string | null;

  @Column({ name: 'occurred_at', type: 'timestamptz', nullable: true })
  occurredAt!: Date | null;

  /** Category the user picked on the form, if any: a hint for triage, not its verdict. */
  @Column({ name: 'user_category', type: 'varchar', length: 32, nullable: true })
  userCategory!: string | null;

  @Column({ type: 'varchar', length: 16, default: 'received' })
  status!: ComplaintStatus;

  /** Current values: triage's best guess, or an agent's correction. Null until triage ran. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  category!: string | null;

  @Column({ type: 'varchar', length: 2, nullable: true })
  priority!: string | null;

  @Column({ type: 'varchar', length: 5, nullable: true })
  language!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  triage!: TriageRecord | null;

  @Column({ name: 'triaged_at', type: 'timestamptz', nullable: true })
  triagedAt!: Date | null;

  @Column({ name: 'duplicate_of_id', type: 'uuid', nullable: true })
  duplicateOfId!: string | null;

  /** The incident this complaint is part of, if any (set by the incidents library). */
  @Column({ name: 'incident_id', type: 'uuid', nullable: true })
  incidentId!: string | null;

  /** Segmented words of title and description, for full-text search that finds Chinese words. */
  @Column({ name: 'search_text', type: 'text' })
  searchText!: string;

  @Column({ name: 'satisfaction_rating', type: 'smallint', nullable: true })
  satisfactionRating!: number | null;

  @Column({ name: 'satisfaction_comment', type: 'varchar', length: 1000, nullable: true })
  satisfactionComment!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
