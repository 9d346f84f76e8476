import 'reflect-metadata';
import { migrate } from '@desk/database';
import { loadConfigOrExit } from '@desk/platform';

/** `npm run migrate`: creates the database if needed and applies pending migrations. */
const config = loadConfigOrExit();
const applied = await migrate(config.DATABASE_URL);
process.stdout.write(
  applied.length ? `applied: ${applied.join(', ')}\n` : 'schema is up to date\n',
);
