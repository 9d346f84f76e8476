import { Injectable } from '@nestjs/common';
import { insertMissing, type Tx } from '@desk/platform';
import { DataSource } from 'typeorm';
import { QueueEntity } from './queue.entity.js';

/** The only place that knows how queues are stored. */
@Injectable()
export class QueueRepository {
  constructor(private readonly dataSource: DataSource) {}

  all(tx?: Tx): Promise<QueueEntity[]> {
    return (tx ?? this.dataSource.manager)
      .getRepository(QueueEntity)
      .find({ order: { createdAt: 'ASC', key: 'ASC' } });
  }

  async existing(keys: readonly string[]): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const rows = (await this.dataSource.query('SELECT key FROM queues WHERE key = ANY($1)', [
      keys,
    ])) as { key: string }[];
    return new Set(rows.map((r) => r.key));
  }

  /** Inserts unless the key is taken; null then (also when two requests race). */
  async insertIfAbsent(
    tx: Tx,
    queue: Pick<QueueEntity, 'key' | 'name' | 'categories' | 'priorities'>,
  ): Promise<QueueEntity | null> {
    const [key] = await insertMissing(tx, QueueEntity, [queue], 'key');
    return key ? tx.getRepository(QueueEntity).findOneByOrFail({ key }) : null;
  }
}
