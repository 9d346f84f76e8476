import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One leg of a transfer on one account: signed amount, the account's balance after it and the
 * account version it made (gapless per account). Never updated or deleted.
 */
@Entity({ name: 'ledger_entries' })
@Index('ledger_entries_transfer_idx', ['transferId'])
@Index('ledger_entries_account_version_key', ['accountId', 'accountVersion'], { unique: true })
@Index('ledger_entries_effective_idx', ['effectiveAt', 'id'])
export class LedgerEntryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'transfer_id', type: 'bigint' })
  transferId!: string;

  @Column({ name: 'account_id', type: 'bigint' })
  accountId!: string;

  @Column({ type: 'varchar', length: 16 })
  unit!: string;

  @Column({ type: 'bigint' })
  amount!: string;

  @Column({ name: 'balance_after', type: 'bigint' })
  balanceAfter!: string;

  @Column({ name: 'account_version', type: 'bigint' })
  accountVersion!: string;

  @Column({ name: 'effective_at', type: 'timestamptz' })
  effectiveAt!: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
