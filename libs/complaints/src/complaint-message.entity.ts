import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type MessageAuthor = 'user' | 'agent' | 'system';
export type MessageVisibility = 'public' | 'internal';

/** The conversation on a complaint: user replies, agent replies and internal notes. */
@Entity({ name: 'complaint_messages' })
@Index('complaint_messages_complaint_idx', ['complaintId', 'id'])
@Index('complaint_messages_dedupe_key', ['dedupeKey'], {
  unique: true,
  where: 'dedupe_key IS NOT NULL',
})
export class ComplaintMessageEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'complaint_id', type: 'uuid' })
  complaintId!: string;

  @Column({ name: 'author_kind', type: 'varchar', length: 8 })
  authorKind!: MessageAuthor;

  /** Staff id for agent messages; null for the user and the system. */
  @Column({ name: 'author_id', type: 'uuid', nullable: true })
  authorId!: string | null;

  @Column({ type: 'varchar', length: 8 })
  visibility!: MessageVisibility;

  @Column({ type: 'text' })
  body!: string;

  /** Set on messages the desk posts on its own (an incident statement): posted once per complaint. */
  @Column({ name: 'dedupe_key', type: 'varchar', length: 120, nullable: true })
  dedupeKey!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
