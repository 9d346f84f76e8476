import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../../migrations/index.js';
import { ENTITIES } from './entities.js';

/**
 * The one TypeORM configuration, used by the API, the worker, the CLI and the tests. The schema
 * comes only from migrations; nothing is synchronised.
 */
export function databaseOptions(
  url: string,
  poolSize = 10,
  applicationName = 'desk',
): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    // gen_random_uuid() is built into PostgreSQL 13+; migrations create any extension they need.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    logging: false,
    extra: { max: poolSize, application_name: applicationName },
  };
}
