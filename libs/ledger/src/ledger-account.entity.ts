import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One account per owner and unit. `balance` always equals the sum of its entries and `version`
 * their count (the verify route checks both); wallets and budgets never go below zero.
 */
@Entity({ name: 'ledger_accounts' })
@Index('ledger_accounts_key', ['key'], { unique: true })
@Index('ledger_accounts_owner_idx', ['ownerKind', 'ownerId'])
@Check('ledger_accounts_not_negative', 'allow_negative OR balance >= 0')
export class LedgerAccountEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  /** `wallet:<platformUserId>:<unit>`, `expense:<shard>:<unit>` or `budget:<incidentId>:<unit>`. */
  @Column({ type: 'varchar', length: 100 })
  key!: string;

  @Column({ name: 'owner_kind', type: 'varchar', length: 16 })
  ownerKind!: string;

  @Column({ name: 'owner_id', type: 'varchar', length: 64 })
  ownerId!: string;

  @Column({ type: 'varchar', length: 16 })
  unit!: string;

  @Column({ type: 'bigint', default: 0 })
  balance!: string;

  @Column({ type: 'bigint', default: 0 })
  version!: string;

  @Column({ name: 'allow_negative', type: 'boolean', default: false })
  allowNegative!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
