import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A grant the entitlement provider did not accept after the last attempt: for people to look at. */
@Entity({ name: 'fulfilment_dead_letters' })
@Index('fulfilment_dead_letters_compensation_idx', ['compensationId'])
export class FulfilmentDeadLetterEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'compensation_id', type: 'uuid' })
  compensationId!: string;

  @Column({ type: 'int' })
  attempts!: number;

  @Column({ type: 'varchar', length: 1000 })
  error!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
