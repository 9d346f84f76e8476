import 'reflect-metadata';
import { loadConfig } from '@desk/platform';
import { DataSource } from 'typeorm';
import { databaseOptions } from './database-options.js';

/** For the TypeORM CLI (`npm run migration:*`): the same options the apps use, from the environment. */
export default new DataSource(databaseOptions(loadConfig().DATABASE_URL, 2, 'desk-cli'));
