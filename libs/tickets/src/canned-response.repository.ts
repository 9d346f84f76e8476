import { Injectable } from '@nestjs/common';
import { insertMissing, type Tx } from '@desk/platform';
import { DataSource } from 'typeorm';
import { CannedResponseEntity } from './canned-response.entity.js';

/** The only place that knows how canned responses are stored. */
@Injectable()
export class CannedResponseRepository {
  constructor(private readonly dataSource: DataSource) {}

  list(filter: { locale?: string; key?: string }): Promise<CannedResponseEntity[]> {
    return this.dataSource.getRepository(CannedResponseEntity).find({
      where: {
        ...(filter.locale ? { locale: filter.locale as 'zh' | 'en' } : {}),
        ...(filter.key ? { key: filter.key } : {}),
      },
      order: { key: 'ASC', locale: 'ASC' },
    });
  }

  /** Both locales of a key. */
  byKey(key: string): Promise<CannedResponseEntity[]> {
    return this.dataSource.getRepository(CannedResponseEntity).findBy({ key });
  }

  async insertIfAbsent(
    tx: Tx,
    response: Pick<CannedResponseEntity, 'key' | 'locale' | 'title' | 'body'>,
  ): Promise<CannedResponseEntity | null> {
    const [id] = await insertMissing(tx, CannedResponseEntity, [response], 'id');
    return id ? tx.getRepository(CannedResponseEntity).findOneByOrFail({ id }) : null;
  }
}
