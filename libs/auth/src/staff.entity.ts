import type { Role } from '@desk/platform';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

@Entity({ name: 'staff' })
@Index('staff_email_key', ['email'], { unique: true })
@Check(
  'staff_roles_known',
  `roles <@ ARRAY['agent','supervisor','finance','admin']::text[] AND cardinality(roles) > 0`,
)
@Check('staff_capacity_range', 'capacity BETWEEN 0 AND 1000')
export class StaffEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Stored lower-cased, so uniqueness and login ignore case. */
  @Column({ type: 'varchar', length: 254 })
  email!: string;

  @Column({ name: 'password_hash', type: 'varchar', length: 200 })
  passwordHash!: string;

  @Column({ name: 'display_name', type: 'varchar', length: 100 })
  displayName!: string;

  @Column({ type: 'text', array: true })
  roles!: Role[];

  /** Queue keys this person can work (free strings; the queue may not exist yet). */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  skills!: string[];

  /** Most open tickets this person holds at once. */
  @Column({ type: 'int', default: 20 })
  capacity!: number;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  /** Bumped when the account is disabled: tokens carry it, so older tokens stop working at once. */
  @Column({ name: 'token_version', type: 'int', default: 0 })
  tokenVersion!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
