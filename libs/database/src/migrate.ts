import { DataSource } from 'typeorm';
import { databaseOptions } from './database-options.js';

/** Creates the database if it is missing, then applies pending migrations. Returns their names. */
export async function migrate(url: string): Promise<string[]> {
  await ensureDatabase(url);
  const dataSource = new DataSource(databaseOptions(url, 2, 'desk-migrate'));
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}

/** A fresh machine has PostgreSQL but not the desk's database; create it through the maintenance db. */
async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const dataSource = new DataSource({ type: 'postgres', url: admin.toString(), extra: { max: 1 } });
  await dataSource.initialize();
  try {
    const rows = (await dataSource.query('SELECT 1 FROM pg_database WHERE datname = $1', [
      name,
    ])) as unknown[];
    if (rows.length === 0) {
      await dataSource
        .query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`)
        .catch((error: { code?: string }) => {
          if (error.code !== '42P04') throw error; // created meanwhile by another process
        });
    }
  } finally {
    await dataSource.destroy();
  }
}
