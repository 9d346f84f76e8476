import { Injectable } from '@nestjs/common';
import { insertMissing, type Role, type Tx } from '@desk/platform';
import { DataSource } from 'typeorm';
import { StaffEntity } from './staff.entity.js';

export type NewStaff = Pick<
  StaffEntity,
  'email' | 'passwordHash' | 'displayName' | 'roles' | 'skills' | 'capacity'
>;
export type StaffChanges = Partial<
  Pick<StaffEntity, 'displayName' | 'roles' | 'skills' | 'capacity' | 'active' | 'tokenVersion'>
>;

export interface StaffFilter {
  role?: Role;
  active?: boolean;
  page: number;
  limit: number;
}

/** The only place that knows how staff rows are stored. */
@Injectable()
export class StaffRepository {
  constructor(private readonly dataSource: DataSource) {}

  findById(id: string): Promise<StaffEntity | null> {
    return this.dataSource.getRepository(StaffEntity).findOneBy({ id });
  }

  findByEmail(email: string): Promise<StaffEntity | null> {
    return this.dataSource.getRepository(StaffEntity).findOneBy({ email });
  }

  /** Inserts unless the e-mail is taken; null means it was taken (also when two requests race). */
  async insertIfAbsent(tx: Tx, staff: NewStaff): Promise<StaffEntity | null> {
    const [id] = await insertMissing(tx, StaffEntity, [staff], 'id');
    return id ? tx.getRepository(StaffEntity).findOneByOrFail({ id }) : null;
  }

  lockById(tx: Tx, id: string): Promise<StaffEntity | null> {
    return tx
      .getRepository(StaffEntity)
      .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async update(tx: Tx, id: string, changes: StaffChanges): Promise<StaffEntity> {
    await tx.getRepository(StaffEntity).update({ id }, changes);
    return tx.getRepository(StaffEntity).findOneByOrFail({ id });
  }

  /**
   * Serialises changes that could remove the last administrator: callers take this lock, then count.
   * A transaction-scoped advisory lock, so two admins demoting each other cannot both succeed.
   */
  async lockAdminSet(tx: Tx): Promise<void> {
    await tx.query("SELECT pg_advisory_xact_lock(hashtext('desk:staff:admins'))");
  }

  async countActiveAdminsOtherThan(tx: Tx, id: string): Promise<number> {
    const [row] = (await tx.query(
      "SELECT count(*)::int AS n FROM staff WHERE active AND 'admin' = ANY(roles) AND id <> $1",
      [id],
    )) as { n: number }[];
    return row.n;
  }

  async list(filter: StaffFilter): Promise<{ items: StaffEntity[]; total: number }> {
    const qb = this.dataSource.getRepository(StaffEntity).createQueryBuilder('s');
    if (filter.role) qb.andWhere(':role = ANY(s.roles)', { role: filter.role });
    if (filter.active !== undefined) qb.andWhere('s.active = :active', { active: filter.active });
    const [items, total] = await qb
      .orderBy('s.created_at', 'ASC')
      .addOrderBy('s.id', 'ASC')
      .skip((filter.page - 1) * filter.limit)
      .take(filter.limit)
      .getManyAndCount();
    return { items, total };
  }
}
