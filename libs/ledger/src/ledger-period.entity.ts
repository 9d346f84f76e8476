import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A closed accounting month: no transfer may be dated into it (a trigger refuses it). */
@Entity({ name: 'ledger_periods' })
export class LedgerPeriodEntity {
  /** `yyyymm`. */
  @PrimaryColumn({ type: 'char', length: 6 })
  period!: string;

  @CreateDateColumn({ name: 'closed_at', type: 'timestamptz' })
  closedAt!: Date;

  @Column({ name: 'closed_by', type: 'uuid', nullable: true })
  closedBy!: string | null;
}
