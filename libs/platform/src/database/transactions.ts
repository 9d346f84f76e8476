import { Injectable } from '@nestjs/common';
import {
  DataSource,
  type EntityManager,
  type EntityTarget,
  type ObjectLiteral,
  type QueryDeepPartialEntity,
} from 'typeorm';

/**
 * The handle of one open transaction. Use cases pass it to repositories and to the audit log so that
 * a change, its audit record and its outbox row commit or roll back together.
 */
export type Tx = EntityManager;

/** Work to do at the end of a transaction's work, just before its commit. */
const commitHooks = new WeakMap<Tx, (() => Promise<void>)[]>();

/**
 * Registers work to run at the end of a transaction opened by `Transactions.run`, just before it
 * commits (in order of registration). Returns false for a transaction it did not open: the caller
 * then does the work at once.
 */
export function beforeCommit(tx: Tx, hook: () => Promise<void>): boolean {
  const hooks = commitHooks.get(tx);
  if (!hooks) return false;
  hooks.push(hook);
  return true;
}

@Injectable()
export class Transactions {
  constructor(private readonly dataSource: DataSource) {}

  run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.dataSource.transaction('READ COMMITTED', async (tx) => {
      commitHooks.set(tx, []);
      const result = await work(tx);
      const hooks = commitHooks.get(tx)!;
      // Hooks may register further hooks (rarely): run until none are left.
      while (hooks.length > 0) await hooks.shift()!();
      return result;
    });
  }
}

/**
 * The rows of an `UPDATE … RETURNING` or `DELETE … RETURNING` run with `query()`: TypeORM's
 * PostgreSQL driver answers those as `[rows, rowCount]`, unlike SELECT and INSERT.
 */
export function returnedRows<T>(result: unknown): T[] {
  if (
    Array.isArray(result) &&
    result.length === 2 &&
    Array.isArray(result[0]) &&
    typeof result[1] === 'number'
  ) {
    return result[0] as T[];
  }
  return result as T[];
}

/**
 * `INSERT … ON CONFLICT DO NOTHING RETURNING column` (a uuid or text column): its values for the rows inserted;
 * a row whose unique key is present already is skipped (also when two transactions race). The
 * given objects are left alone: TypeORM would write returned rows back into them by position,
 * and one skipped row shifts every position after it.
 */
export async function insertMissing<T extends ObjectLiteral>(
  tx: Tx,
  entity: EntityTarget<T>,
  rows: readonly QueryDeepPartialEntity<T>[],
  column: keyof T & string,
): Promise<string[]> {
  if (rows.length === 0) return [];
  const result = await tx
    .createQueryBuilder()
    .insert()
    .into(entity)
    .values([...rows])
    .orIgnore()
    .returning([column])
    .updateEntity(false)
    .execute();
  return (result.raw as Record<string, string>[]).map((row) => row[column]);
}
