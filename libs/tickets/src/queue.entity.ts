import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A support queue: which categories (and optionally priorities) of work it takes. */
@Entity({ name: 'queues' })
export class QueueEntity {
  @PrimaryColumn({ type: 'varchar', length: 50 })
  key!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  categories!: string[];

  /** Empty: every priority of the listed categories. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  priorities!: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
