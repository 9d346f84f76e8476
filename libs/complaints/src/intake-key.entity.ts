import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** An Idempotency-Key of the public intake, kept for good with the first answer it got. */
@Entity({ name: 'complaint_intake_keys' })
export class IntakeKeyEntity {
  @PrimaryColumn({ type: 'varchar', length: 128 })
  key!: string;

  /** SHA-256 of the canonical request body: the same key with another body is refused. */
  @Column({ name: 'request_hash', type: 'char', length: 64 })
  requestHash!: string;

  @Column({ name: 'complaint_id', type: 'uuid' })
  complaintId!: string;

  @Column({ name: 'tracking_code', type: 'varchar', length: 16 })
  trackingCode!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
