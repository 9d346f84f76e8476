import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One balanced movement between accounts. Never updated or deleted (triggers refuse it); a mistake
 * is corrected by a reversal that references the original, at most once.
 */
@Entity({ name: 'ledger_transfers' })
@Index('ledger_transfers_idempotency_key', ['idempotencyKey'], { unique: true })
@Index('ledger_transfers_reverses_key', ['reversesId'], {
  unique: true,
  where: 'reverses_id IS NOT NULL',
})
@Index('ledger_transfers_effective_idx', ['effectiveAt', 'id'])
@Index('ledger_transfers_compensation_idx', ['compensationId'], {
  where: 'compensation_id IS NOT NULL',
})
@Index('ledger_transfers_incident_idx', ['incidentId'], { where: 'incident_id IS NOT NULL' })
export class LedgerTransferEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'idempotency_key', type: 'varchar', length: 200 })
  idempotencyKey!: string;

  /** SHA-256 of what was asked, to tell a replay from a different request with the same key. */
  @Column({ name: 'request_hash', type: 'char', length: 64 })
  requestHash!: string;

  @Column({ type: 'varchar', length: 20 })
  kind!: string;

  @Column({ name: 'reverses_id', type: 'bigint', nullable: true })
  reversesId!: string | null;

  @Column({ name: 'compensation_id', type: 'uuid', nullable: true })
  compensationId!: string | null;

  @Column({ name: 'incident_id', type: 'uuid', nullable: true })
  incidentId!: string | null;

  @Column({ name: 'rule_id', type: 'uuid', nullable: true })
  ruleId!: string | null;

  @Column({ name: 'rule_version', type: 'int', nullable: true })
  ruleVersion!: number | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  category!: string | null;

  @Column({ name: 'platform_user_id', type: 'varchar', length: 12, nullable: true })
  platformUserId!: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  memo!: string | null;

  /** When the movement counts (its accounting period); kept apart from when it was written. */
  @Column({ name: 'effective_at', type: 'timestamptz' })
  effectiveAt!: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
